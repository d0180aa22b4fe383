/**
 * The consumer as a JPMS module. vecnn-core is the named module {@code dev.vecnn.core}: it exports
 * its API packages (not the SIMD kernels of {@code dev.vecnn.kernels.simd}, nor the scalar twins
 * and kernel insides of {@code dev.vecnn.kernels.internal}) and
 * {@code requires static jdk.incubator.vector}, so the SIMD kernels are used when the JVM was
 * started with {@code --add-modules jdk.incubator.vector} and the scalar kernels otherwise.
 */
module dev.vecnn.example {
    requires dev.vecnn.core;
    // vecnn-core reads PNG/JPEG through javax.imageio, a module it requires only statically: an
    // application that preprocesses images brings java.desktop into the module graph itself.
    requires java.desktop;
}

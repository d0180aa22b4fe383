/**
 * The consumer as a JPMS module. vecnn-core ships no module-info yet; its jar is the automatic
 * module {@code dev.vecnn.core} (manifest entry Automatic-Module-Name), which reads every module in the boot
 * layer, so {@code jdk.incubator.vector} is used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the scalar kernels otherwise.
 */
module dev.vecnn.example {
    requires dev.vecnn.core;
}

/**
 * vecnn's library: fully connected nets with dropout on SIMD kernels (the JDK Vector API), for
 * training and for inference. No dependency beyond the JDK.
 *
 * <p>Exports the API packages. Not exported: {@code dev.vecnn.kernels.simd}, the Vector API
 * implementations, which {@link dev.vecnn.kernels.VectorSupport} loads by name inside this module
 * when {@code jdk.incubator.vector} is present, and {@code dev.vecnn.kernels.internal}, the kernel
 * interfaces, the scalar twins, the blocked GEMM driver and the thread pool; callers reach both
 * through the facades of {@link dev.vecnn.kernels} ({@code Gemm}, {@code Relu}, {@code Parallel},
 * ...).
 *
 * <p>{@code requires static} (needed to compile, optional at run time):
 * <ul>
 *   <li>{@code jdk.incubator.vector}: start the JVM with {@code --add-modules jdk.incubator.vector}
 *       for the SIMD kernels; without it every kernel runs its scalar twin (one log line says so).</li>
 *   <li>{@code java.desktop}: only {@link dev.vecnn.data.ImageFolder} and
 *       {@link dev.vecnn.data.ImagePreprocessing} decode PNG/JPEG with {@code javax.imageio}; add
 *       the module ({@code --add-modules java.desktop}, or jlink it in) to read images. Nothing
 *       else touches it.</li>
 * </ul>
 * The HotSpot {@code UseAVX} option is read reflectively ({@code kernels.Isa}) when
 * {@code jdk.management} is present, and assumed from the CPU otherwise.
 */
module dev.vecnn.core {
    requires static jdk.incubator.vector;
    requires static java.desktop;

    exports dev.vecnn.io;
    exports dev.vecnn.tensor;
    exports dev.vecnn.random;
    exports dev.vecnn.kernels;
    exports dev.vecnn.layers;
    exports dev.vecnn.optim;
    exports dev.vecnn.check;
    exports dev.vecnn.data;
    exports dev.vecnn.model;
    exports dev.vecnn.solver;
    exports dev.vecnn.infer;
}

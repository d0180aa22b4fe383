/**
 * A trained net as a thread-safe classifier for applications: load it, share it, call it from
 * any number of threads.
 *
 * <pre>{@code
 * InferenceModel model = InferenceModel.load(Path.of("checkpoint.npz"));   // or InferenceModel.from(net)
 * int label = model.predict(features);                 // one example: inputDim() floats
 * model.predict(batch, n, labels);                     // n examples back to back
 * float[] scores = model.scores(batch, n);             // n x numClasses()
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.vecnn.infer.InferenceModel}: immutable weights, per-thread scratch, results
 *       independent of the number of calling threads and of batching.</li>
 *   <li>{@link dev.vecnn.infer.BatchingModel} ({@code model.batching(maxBatch, maxDelay)}): many
 *       threads each asking for one example share forward passes; each gets a direct call's bits.</li>
 *   <li>{@link dev.vecnn.infer.InferenceModelBuilder}: from named arrays (W1, b1, …, gamma/beta,
 *       running_mean/running_var), with the checks that name the bad parameter.</li>
 *   <li>{@link dev.vecnn.infer.InferenceModel#load(java.nio.file.Path)}: from a checkpoint {@code .npz} (the experiment's, or
 *       one numpy wrote).</li>
 * </ul>
 *
 * <p>The JVM flag {@code --add-modules jdk.incubator.vector} selects the SIMD kernels; without it
 * everything works on the scalar kernels (one log line says so). On the module path the jar is the
 * automatic module {@code dev.vecnn}.
 */
package dev.vecnn.infer;

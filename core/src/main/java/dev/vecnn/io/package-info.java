/**
 * File formats, at the bottom of the library (it imports nothing else of vecnn): numpy's
 * {@code .npy} / {@code .npz} ({@link dev.vecnn.io.Npy}, {@link dev.vecnn.io.Npz},
 * {@link dev.vecnn.io.NpyArray}), JSON ({@link dev.vecnn.io.Json}), ONNX's protobuf models for the
 * subset fully connected nets use ({@link dev.vecnn.io.Onnx}, {@link dev.vecnn.io.OnnxModel}), writes through a temporary file
 * and a rename ({@link dev.vecnn.io.AtomicFiles}), and streamed {@code .tar} / gzip reading
 * ({@link dev.vecnn.io.TarReader}, {@link dev.vecnn.io.GzipInput}). Uses only the JDK and prints
 * nothing.
 *
 * <p><b>Errors.</b> Everything caused by a file's contents — truncated, corrupt, wrong type or
 * size — is a {@link dev.vecnn.io.DataException} (a checked {@link java.io.IOException}) whose
 * message names the file (and byte offset or entry) and what was expected. The readers are
 * fuzzed: any input loads or throws {@code DataException} (see FUZZING.md).
 */
package dev.vecnn.io;

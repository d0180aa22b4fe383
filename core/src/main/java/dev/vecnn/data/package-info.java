/**
 * Data for vecnn: CIFAR-10 and image folders, read with the file formats of {@link dev.vecnn.io}.
 * Uses only the JDK and prints nothing.
 *
 * <ul>
 *   <li>{@link dev.vecnn.data.Cifar10}: finds the official binary distribution (the extracted
 *       {@code cifar-10-batches-bin/} folder, a folder containing it, or
 *       {@code cifar-10-binary.tar.gz} read as a stream), downloads it when absent
 *       ({@link dev.vecnn.data.Downloader}: resumable, MD5-checked, renamed into place, progress
 *       through {@link dev.vecnn.data.DownloadProgress}), and loads it like the assignment's
 *       {@code get_CIFAR10_data()} ({@link dev.vecnn.data.CifarOptions} →
 *       {@link dev.vecnn.data.CifarSplits}), as float32 or float64 ({@link dev.vecnn.tensor.DType}).</li>
 *   <li>{@link dev.vecnn.data.ImageFolder}: {@code root/<class>/<image>.png|jpg}, 32×32 RGB.</li>
 * </ul>
 *
 * <p><b>Errors.</b> Everything caused by the data — missing, truncated, corrupt, wrong size,
 * failed download or checksum — is a {@link dev.vecnn.io.DataException} (a checked
 * {@link java.io.IOException}) whose message names the file (and byte offset or record index)
 * and what was expected; a missing data set's message says where vecnn looked, the download
 * address and the {@code --data} option. Bad arguments are {@link IllegalArgumentException}s. The
 * readers are fuzzed: any input loads or throws {@code DataException} (see FUZZING.md).
 *
 * <p><b>Memory.</b> Loading CIFAR-10 holds the split arrays and about 1 MB of buffers (plus up to
 * 5 MB of read-ahead when decompressing a {@code .tar.gz}); never a second copy of the data.
 * With the defaults (49000 / 1000 / 1000): float32 627 MB, float64 1.25 GB
 * ({@link dev.vecnn.data.CifarOptions#arrayBytes()}); a float32 load runs in {@code -Xmx700m}.
 */
package dev.vecnn.data;

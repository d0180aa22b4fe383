package dev.vecnn.data;

/**
 * Told how a download is going, so a command line can draw a progress bar (nothing in this package
 * prints). Called from the downloading thread after each block and once at the start of every
 * attempt (with the bytes already on disk when resuming).
 */
@FunctionalInterface
public interface DownloadProgress {
    /** No reporting. */
    DownloadProgress NONE = (done, total) -> { };

    /**
     * @param bytesDone  bytes of the file on disk so far
     * @param bytesTotal the file's full size, or -1 if the server did not say
     */
    void update(long bytesDone, long bytesTotal);
}

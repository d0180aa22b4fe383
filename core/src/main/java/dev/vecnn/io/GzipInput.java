package dev.vecnn.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip-decompressing stream whose format errors are {@link DataException}s naming the archive
 * and the compressed byte offset where decoding failed ({@code GZIPInputStream} throws
 * {@code ZipException} or {@code EOFException}, which say neither). The CRC-32 and length in
 * each gzip trailer are verified by {@code GZIPInputStream} itself.
 */
public final class GzipInput extends FilterInputStream {
    private static final int BUFFER = 1 << 16;
    private final String archive;
    private final CountingInput compressed;

    private GzipInput(InputStream gzip, CountingInput compressed, String archive) {
        super(gzip);
        this.compressed = compressed;
        this.archive = archive;
    }

    /** Opens {@code raw} (the compressed bytes) for decompression. */
    public static GzipInput open(InputStream raw, String archive) throws IOException {
        CountingInput counting = new CountingInput(raw);
        try {
            return new GzipInput(new GZIPInputStream(counting, BUFFER), counting, archive);
        } catch (ZipException | EOFException e) {
            if (counting.count == 0) {
                throw new DataException(archive + ": not a gzip file (it is empty)", e);
            }
            String why = e.getMessage() != null ? e.getMessage()
                    : e instanceof EOFException ? "it ends inside the gzip header" : e.getClass().getSimpleName();
            throw new DataException(archive + ": not a gzip file (" + why
                    + " at compressed byte offset " + counting.count + ")", e);
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        }
    }

    private DataException corrupt(IOException e) {
        String what = e instanceof EOFException ? "truncated" : "corrupt";
        return new DataException(archive + ": " + what + " gzip data near compressed byte offset "
                + compressed.count + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }

    /** Counts the bytes read from the underlying stream. */
    static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        }
    }
}

package dev.vecnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a slow source (gzip decompression) on a background thread, a few 1 MB blocks ahead of the
 * consumer, so decompressing the next block overlaps with converting the current one to floats.
 * Memory: at most {@value #DEPTH} + 2 blocks. Whatever the source throws is rethrown, unchanged,
 * to the consumer at the point in the stream where it happened. {@link #close()} stops the
 * thread; the caller still owns (and closes) the source.
 */
final class PrefetchInput extends InputStream {
    private static final int BLOCK = 1 << 20;
    private static final int DEPTH = 3;
    private static final Object END = new Object();

    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread thread;
    private byte[] current;
    private int currentLength;
    private int position;
    private boolean ended;
    private Throwable failure;

    /** A filled block: the buffer and how many of its bytes are data. */
    private static final class Block {
        final byte[] bytes;
        final int length;

        Block(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }
    }

    PrefetchInput(InputStream source, String name) {
        thread = new Thread(() -> pump(source), "vecnn-prefetch " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream source) {
        try {
            while (true) {
                byte[] buf = spare.poll();
                if (buf == null) {
                    buf = new byte[BLOCK];
                }
                int n = 0;
                while (n < buf.length) {
                    int r = source.read(buf, n, buf.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
                if (n > 0) {
                    ready.put(new Block(buf, n));
                }
                if (n < buf.length) {
                    ready.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (Throwable t) {
            try {
                ready.put(t);
            } catch (InterruptedException e) {
                // closed by the consumer
            }
        }
    }

    private boolean fill() throws IOException {
        if (current != null && position < currentLength) {
            return true;
        }
        if (ended) {
            return false;
        }
        if (current != null) {
            spare.offer(current);
            current = null;
        }
        Object next;
        try {
            next = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for decompressed data");
        }
        if (next == END) {
            ended = true;
            return false;
        }
        if (next instanceof Throwable) {
            ended = true;
            failure = (Throwable) next;
            rethrow();
        }
        Block block = (Block) next;
        current = block.bytes;
        currentLength = block.length;
        position = 0;
        return true;
    }

    private void rethrow() throws IOException {
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        throw (Error) failure;
    }

    @Override
    public int read() throws IOException {
        if (failure != null) {
            rethrow();
        }
        return fill() ? current[position++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            rethrow();
        }
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, currentLength - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

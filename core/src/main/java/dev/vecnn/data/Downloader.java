package dev.vecnn.data;

import dev.vecnn.io.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file over HTTP(S) into place, safely.
 *
 * <ul>
 *   <li>The bytes go to {@code <target>.part} next to the target; the target name only ever
 *       appears by an atomic rename after the whole file has passed its MD5 check.</li>
 *   <li>Resumable: if {@code <target>.part} exists (an earlier run was interrupted) or the
 *       connection drops, the next request asks for the rest with an HTTP {@code Range} header and
 *       appends; a server that ignores {@code Range} (status 200) gets a fresh start. Up to
 *       {@link #maxAttempts} requests per call; when they are used up the {@code .part} file stays
 *       for the next run to resume.</li>
 *   <li>A checksum mismatch deletes the {@code .part} file: nothing is left behind.</li>
 *   <li>HTTP errors (4xx/5xx) are {@link DataException}s naming the address and the status.</li>
 * </ul>
 */
public final class Downloader {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int BUFFER = 1 << 16;

    private int maxAttempts = 5;
    private int connectTimeoutMillis = 30_000;
    private int readTimeoutMillis = 60_000;

    /** Requests per {@link #download} call before giving up (default 5). */
    public Downloader maxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + attempts);
        }
        this.maxAttempts = attempts;
        return this;
    }

    /** Connect and read timeouts in milliseconds (defaults 30 s and 60 s). */
    public Downloader timeouts(int connectMillis, int readMillis) {
        if (connectMillis < 0 || readMillis < 0) {
            throw new IllegalArgumentException("timeouts must be >= 0, got " + connectMillis + " and " + readMillis);
        }
        this.connectTimeoutMillis = connectMillis;
        this.readTimeoutMillis = readMillis;
        return this;
    }

    /** The temporary file a download into {@code target} writes to. */
    public static Path partFile(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Downloads {@code url} to {@code target} (its folder is created if needed) and checks its MD5.
     *
     * @param md5Hex   expected MD5 as 32 hex digits
     * @param progress told the bytes done and total as the transfer goes
     * @return {@code target}
     * @throws DataException the server answered with an error, every attempt was interrupted, or
     *                       the checksum did not match (the partial file is then deleted)
     */
    public Path download(URI url, Path target, String md5Hex, DownloadProgress progress) throws IOException {
        if (md5Hex == null || !md5Hex.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("md5Hex must be 32 hex digits, got " + md5Hex);
        }
        DownloadProgress report = progress == null ? DownloadProgress.NONE : progress;
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path part = partFile(target);
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                if (transfer(url, part, report)) {
                    return verifyAndMove(url, part, target, md5Hex);
                }
            } catch (DataException e) {
                throw e;
            } catch (IOException e) {
                lastFailure = e; // connection dropped: resume with the next attempt
            }
        }
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have == 0) {
            Files.deleteIfExists(part); // nothing to resume from: leave nothing behind
        }
        throw new DataException("download of " + url + (have > 0 ? " was interrupted" : " failed")
                + (maxAttempts == 1 ? "" : " " + maxAttempts + " times")
                + (lastFailure == null ? "" : " (" + reason(lastFailure) + ")")
                + (have > 0 ? "; " + have + " bytes are in " + part + ", run again to resume from there" : ""), lastFailure);
    }

    /** Why an I/O operation failed, in a few words (for messages): no stack, no class path. */
    static String reason(IOException e) {
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage() + "; is there a network?";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "timed out";
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof java.net.ConnectException || e instanceof DataException ? msg : e.getClass().getSimpleName() + ": " + msg;
    }

    /** One request; returns true when the part file holds the complete body. */
    private boolean transfer(URI url, Path part, DownloadProgress report) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        URLConnection raw = url.toURL().openConnection();
        if (!(raw instanceof HttpURLConnection)) {
            throw new IllegalArgumentException("url must be http or https, got " + url);
        }
        HttpURLConnection http = (HttpURLConnection) raw;
        try {
            http.setConnectTimeout(connectTimeoutMillis);
            http.setReadTimeout(readTimeoutMillis);
            http.setRequestProperty("Accept-Encoding", "identity");
            if (have > 0) {
                http.setRequestProperty("Range", "bytes=" + have + "-");
            }
            int status = http.getResponseCode();
            long total;
            boolean append;
            if (status == HttpURLConnection.HTTP_PARTIAL && have > 0) {
                Matcher m = CONTENT_RANGE.matcher(String.valueOf(http.getHeaderField("Content-Range")));
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    Files.deleteIfExists(part); // an answer for another range: start over
                    return false;
                }
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
                append = true;
            } else if (status == 416 && have > 0) {
                // Nothing left to send: the part file is already complete (or wrong; MD5 decides).
                return true;
            } else if (status == HttpURLConnection.HTTP_OK) {
                total = http.getContentLengthLong();
                append = false;
                have = 0;
            } else {
                throw new DataException("download of " + url + " failed: the server answered HTTP " + status
                        + (http.getResponseMessage() == null ? "" : " " + http.getResponseMessage()));
            }
            report.update(have, total);
            try (InputStream in = http.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                         StandardOpenOption.WRITE,
                         append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[BUFFER];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    have += n;
                    report.update(have, total);
                }
            }
            return total < 0 || have == total;
        } finally {
            http.disconnect();
        }
    }

    private static Path verifyAndMove(URI url, Path part, Path target, String md5Hex) throws IOException {
        String actual = md5(part);
        if (!actual.equalsIgnoreCase(md5Hex)) {
            long size = Files.size(part);
            Files.deleteIfExists(part);
            throw new DataException("download of " + url + " is corrupt: MD5 of the " + size + " bytes received is "
                    + actual + ", expected " + md5Hex.toLowerCase() + "; the partial file was deleted, run again");
        }
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    static String md5(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no MD5", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

package dev.vecnn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream one regular file at a time, straight from any {@link InputStream} (here: a
 * {@code GZIPInputStream}), without extracting anything to disk.
 *
 * <p>Format: 512-byte blocks. Each entry is one header block (name, octal size, checksum, type
 * flag; ustar adds a name prefix) followed by its data padded to a whole block; two zero blocks
 * end the archive. Every header's checksum is verified (the unsigned byte sum of the header with
 * the checksum field read as spaces; the old signed sum is accepted too). GNU long names
 * ({@code L}) and pax extended headers ({@code x}: {@code path}, {@code size}) are understood;
 * directories, links and other non-regular entries are skipped. Any inconsistency is a
 * {@link DataException} naming the archive and the byte offset in the uncompressed tar stream.
 */
public final class TarReader {
    static final int BLOCK = 512;
    /** Upper bound for a GNU long name or pax header we are willing to hold in memory. */
    private static final int MAX_META_BYTES = 1 << 16;

    private final InputStream in;
    private final String archive;
    private final byte[] header = new byte[BLOCK];
    private long offset;          // bytes consumed from the tar stream
    private long entryRemaining;  // unread data bytes of the current entry
    private long entryPadding;    // padding after the current entry's data
    private String entryName;

    /** Reads the tar stream {@code in}; {@code archive} names it in error messages. */
    public TarReader(InputStream in, String archive) {
        this.in = in;
        this.archive = archive;
    }

    /** Byte offset in the (uncompressed) tar stream. */
    public long offset() {
        return offset;
    }

    private final java.util.List<String> skippedLinks = new java.util.ArrayList<>();

    /**
     * Moves to the next regular file (skipping what is left of the current one) and returns its
     * path inside the archive, or {@code null} at the end-of-archive marker.
     */
    public String next() throws IOException {
        skipFully(entryRemaining + entryPadding);
        entryRemaining = 0;
        entryPadding = 0;
        String longName = null;
        long paxSize = -1;
        while (true) {
            long headerOffset = offset;
            if (!readHeader()) {
                return null;
            }
            verifyChecksum(headerOffset);
            long size = parseSize(headerOffset);
            char type = (char) (header[156] & 0xFF);
            long padding = (BLOCK - size % BLOCK) % BLOCK;
            String name = longName != null ? longName : headerName();
            switch (type) {
                case 'L': // GNU long name: the data is the name of the next entry
                    longName = cString(readMeta(size, headerOffset, "GNU long name"));
                    skipFully(padding);
                    continue;
                case 'x': { // pax extended header for the next entry
                    byte[] pax = readMeta(size, headerOffset, "pax header");
                    skipFully(padding);
                    String[] pathAndSize = parsePax(pax, headerOffset);
                    if (pathAndSize[0] != null) {
                        longName = pathAndSize[0];
                    }
                    if (pathAndSize[1] != null) {
                        paxSize = parseDecimal(pathAndSize[1], headerOffset);
                    }
                    continue;
                }
                case '0':
                case '\0':
                case '7': // contiguous file: a regular file for our purposes
                    if (paxSize >= 0) {
                        size = paxSize;
                        padding = (BLOCK - size % BLOCK) % BLOCK;
                    }
                    entryName = name;
                    entryRemaining = size;
                    entryPadding = padding;
                    return name;
                case '1': // hard link
                case '2': // symbolic link: never followed (it could point anywhere), but remembered for messages
                    skippedLinks.add(name + (type == '1' ? " (a hard link to " : " (a symbolic link to ") + linkName() + ")");
                    skipFully(size + padding);
                    longName = null;
                    paxSize = -1;
                    break;
                default: // directory, global pax header, device...: not a file, skip it
                    skipFully(size + padding);
                    longName = null;
                    paxSize = -1;
            }
        }
    }

    /**
     * The link entries skipped so far, each as "path (a symbolic link to target)": a reader that
     * misses a file can say it was there as a link.
     */
    public java.util.List<String> skippedLinks() {
        return java.util.Collections.unmodifiableList(skippedLinks);
    }

    /** The link target of the current header (field linkname, 100 bytes at offset 157). */
    private String linkName() {
        int end = 157;
        while (end < 257 && header[end] != 0) {
            end++;
        }
        return new String(header, 157, end - 157, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Data bytes of the current entry. */
    public long size() {
        return entryRemaining;
    }

    /**
     * A stream over the current entry's unread data. It ends at the entry's end; if the archive
     * ends first, reading throws a {@link DataException} with the offset.
     */
    public InputStream entryStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (entryRemaining == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, entryRemaining));
                if (n < 0) {
                    throw truncated("inside the data of " + entryName);
                }
                offset += n;
                entryRemaining -= n;
                return n;
            }
        };
    }

    private boolean readHeader() throws IOException {
        int got = readUpTo(header, BLOCK);
        if (got == 0) {
            throw new DataException(archive + ": truncated tar archive: it ends at byte offset " + offset
                    + " without the end-of-archive marker (two zero blocks)");
        }
        if (got < BLOCK) {
            throw truncated("inside a header block");
        }
        offset += BLOCK;
        for (byte b : header) {
            if (b != 0) {
                return true;
            }
        }
        // One zero block is the end-of-archive marker (a second one normally follows; we accept
        // its absence like GNU tar does).
        return false;
    }

    private void verifyChecksum(long headerOffset) throws DataException {
        long stored = parseOctal(148, 8, headerOffset, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : header[i];
            unsigned += b & 0xFF;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new DataException(archive + ": corrupt tar header at byte offset " + headerOffset
                    + ": checksum field says " + stored + " but the header bytes sum to " + unsigned);
        }
    }

    private long parseSize(long headerOffset) throws DataException {
        if ((header[124] & 0x80) != 0) { // GNU base-256 for sizes >= 8 GiB
            if ((header[124] & 0x40) != 0) {
                throw new DataException(archive + ": corrupt tar header at byte offset " + headerOffset
                        + ": negative entry size");
            }
            long size = header[124] & 0x3F;
            for (int i = 125; i < 136; i++) {
                if (size > (Long.MAX_VALUE >> 8)) {
                    throw new DataException(archive + ": corrupt tar header at byte offset " + headerOffset
                            + ": entry size does not fit in 63 bits");
                }
                size = (size << 8) | (header[i] & 0xFF);
            }
            return size;
        }
        return parseOctal(124, 12, headerOffset, "size");
    }

    private long parseOctal(int start, int length, long headerOffset, String field) throws DataException {
        long value = 0;
        int i = start;
        int end = start + length;
        while (i < end && header[i] == ' ') {
            i++;
        }
        int digits = 0;
        for (; i < end; i++) {
            int c = header[i];
            if (c == 0 || c == ' ') {
                break;
            }
            if (c < '0' || c > '7' || digits >= 21) {
                throw new DataException(archive + ": corrupt tar header at byte offset " + headerOffset
                        + ": the " + field + " field is not an octal number");
            }
            value = (value << 3) | (c - '0');
            digits++;
        }
        if (digits == 0 && !field.equals("size")) {
            throw new DataException(archive + ": corrupt tar header at byte offset " + headerOffset
                    + ": the " + field + " field is empty");
        }
        return value;
    }

    private String headerName() {
        String name = cString(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't'
                && header[260] == 'a' && header[261] == 'r';
        if (ustar) {
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    private byte[] readMeta(long size, long headerOffset, String what) throws IOException {
        if (size > MAX_META_BYTES) {
            throw new DataException(archive + ": " + what + " at byte offset " + headerOffset + " claims "
                    + size + " bytes, more than the " + MAX_META_BYTES + " allowed");
        }
        byte[] data = new byte[(int) size];
        if (readUpTo(data, data.length) < data.length) {
            throw truncated("inside a " + what);
        }
        offset += size;
        return data;
    }

    /** pax records: "LEN key=value\n"; returns {path, size} (either may be null). */
    private String[] parsePax(byte[] pax, long headerOffset) throws DataException {
        String[] result = new String[2];
        int pos = 0;
        while (pos < pax.length) {
            int space = pos;
            while (space < pax.length && pax[space] != ' ') {
                space++;
            }
            long len = space == pos ? -1 : parseDecimalOrMinus(new String(pax, pos, space - pos, StandardCharsets.US_ASCII));
            if (len <= space - pos + 1 || pos + len > pax.length || pax[(int) (pos + len - 1)] != '\n') {
                throw new DataException(archive + ": corrupt pax header at byte offset " + headerOffset
                        + ": bad record at position " + pos);
            }
            String record = new String(pax, space + 1, (int) (pos + len - 1 - (space + 1)), StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                String key = record.substring(0, eq);
                if (key.equals("path")) {
                    result[0] = record.substring(eq + 1);
                } else if (key.equals("size")) {
                    result[1] = record.substring(eq + 1);
                }
            }
            pos += (int) len;
        }
        return result;
    }

    private long parseDecimal(String s, long headerOffset) throws DataException {
        long v = parseDecimalOrMinus(s);
        if (v < 0) {
            throw new DataException(archive + ": corrupt pax header at byte offset " + headerOffset
                    + ": size '" + s + "' is not a number");
        }
        return v;
    }

    private static long parseDecimalOrMinus(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String cString(byte[] bytes) {
        return cString(bytes, 0, bytes.length);
    }

    private static String cString(byte[] bytes, int start, int length) {
        int end = start;
        while (end < start + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private int readUpTo(byte[] buf, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buf, total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private void skipFully(long count) throws IOException {
        byte[] scratch = null;
        while (count > 0) {
            long n = in.skip(count);
            if (n <= 0) {
                if (scratch == null) {
                    scratch = new byte[8192];
                }
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, count));
                if (r < 0) {
                    throw truncated("while skipping " + count + " bytes");
                }
                n = r;
            }
            offset += n;
            count -= n;
        }
    }

    private DataException truncated(String where) {
        return new DataException(archive + ": truncated tar archive: the data ends at byte offset " + offset
                + " " + where);
    }
}

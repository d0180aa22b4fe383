package dev.vecnn.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * numpy's {@code .npy} format (versions 1.0, 2.0 and 3.0 read; 1.0, or 2.0 for huge headers,
 * written), for the dtypes of {@link NpyType}, C order only.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, major and minor version bytes, the header length
 * (2 bytes little-endian in 1.0, 4 bytes in 2.0/3.0), then the header, a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and a
 * newline so the data starts at a multiple of 64 bytes, then the elements in little-endian C order.
 *
 * <p>Reading validates everything and fails with a {@link DataException} naming the source and the
 * byte offset: the magic, the version, the header length, the dict syntax and its three keys, the
 * dtype, the shape, and the shape's byte count against the bytes that actually follow. The
 * element array is never allocated larger than the bytes the source can back: when the source's
 * length is known a header claiming more is rejected before allocating; when it is not (a
 * compressed {@code .npz} entry) the array grows as the bytes arrive.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    /** numpy itself refuses headers over 10000 bytes by default; we allow 10x that. */
    private static final int MAX_HEADER = 100_000;
    private static final int CHUNK = 1 << 16;
    /** First allocation, in elements, when the source's length is not known. */
    private static final int INITIAL_ELEMENTS = 1 << 16;

    private Npy() {}

    /** Reads a {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(InputFiles.open(file), CHUNK)) {
            return read(in, Files.size(file), file.toString());
        }
    }

    /**
     * Reads one array from {@code in}.
     *
     * @param length the bytes {@code in} holds (the array must use exactly those), or -1 if unknown
     *               (the array must then end where the stream ends)
     * @param source names the data in messages
     */
    public static NpyArray read(InputStream in, long length, String source) throws IOException {
        return new Reader(in, length, source).read();
    }

    /** Writes {@code array} to {@code file} via a temporary file in the same folder and a rename. */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    /** Writes {@code array} in {@code .npy} format to {@code out} (which stays open). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array));
        writeData(out, array);
        out.flush();
    }

    /** The magic, version, header length and padded header dict for {@code array}. */
    static byte[] header(NpyArray array) {
        StringBuilder dict = new StringBuilder();
        dict.append("{'descr': '").append(array.type().descr()).append("', 'fortran_order': False, 'shape': (");
        int[] shape = array.shape();
        for (int i = 0; i < shape.length; i++) {
            dict.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                dict.append(shape.length == 1 ? "," : ", ");
            }
        }
        dict.append("), }");
        int prefixV1 = MAGIC.length + 2 + 2;
        int paddedV1 = (prefixV1 + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        boolean v1 = paddedV1 - prefixV1 <= 65535;
        int prefix = v1 ? prefixV1 : MAGIC.length + 2 + 4;
        int padded = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        while (prefix + dict.length() + 1 < padded) {
            dict.append(' ');
        }
        dict.append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bb = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) {
            bb.putShort((short) text.length);
        } else {
            bb.putInt(text.length);
        }
        bb.put(text);
        return bb.array();
    }

    private static void writeData(OutputStream out, NpyArray array) throws IOException {
        Object data = array.data();
        int n = array.size();
        int item = array.type().itemSize();
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        int per = CHUNK / item;
        for (int from = 0; from < n; from += per) {
            int k = Math.min(per, n - from);
            switch (array.type()) {
                case FLOAT32: bb.asFloatBuffer().put((float[]) data, from, k); break;
                case FLOAT64: bb.asDoubleBuffer().put((double[]) data, from, k); break;
                case INT32: bb.asIntBuffer().put((int[]) data, from, k); break;
                case INT64: bb.asLongBuffer().put((long[]) data, from, k); break;
                case UINT8: System.arraycopy((byte[]) data, from, buf, 0, k); break;
                case BOOL: {
                    boolean[] b = (boolean[]) data;
                    for (int i = 0; i < k; i++) {
                        buf[i] = (byte) (b[from + i] ? 1 : 0);
                    }
                    break;
                }
                default: throw new AssertionError(array.type());
            }
            out.write(buf, 0, k * item);
        }
    }

    /** One read: header, then the elements. */
    private static final class Reader {
        private final InputStream in;
        private final long length;
        private final String source;
        private long offset;

        Reader(InputStream in, long length, String source) {
            this.in = in;
            this.length = length;
            this.source = source;
        }

        NpyArray read() throws IOException {
            byte[] start = new byte[MAGIC.length + 2];
            int got = readUpTo(start, 0, start.length);
            if (got < start.length || !Arrays.equals(Arrays.copyOf(start, MAGIC.length), MAGIC)) {
                throw bad(0, "not a .npy file: it does not start with the magic \\x93NUMPY");
            }
            int major = start[6] & 0xFF;
            int minor = start[7] & 0xFF;
            if (major < 1 || major > 3 || minor != 0) {
                throw bad(6, "unsupported .npy format version " + major + "." + minor + " (1.0, 2.0 and 3.0 are read)");
            }
            byte[] lenBytes = new byte[major == 1 ? 2 : 4];
            if (readUpTo(lenBytes, 0, lenBytes.length) < lenBytes.length) {
                throw bad(offset, "truncated: the file ends inside the header length");
            }
            long headerLength = major == 1
                    ? (lenBytes[0] & 0xFF) | (lenBytes[1] & 0xFF) << 8
                    : ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (headerLength > MAX_HEADER) {
                throw bad(8, "header length " + headerLength + " is larger than the " + MAX_HEADER + " bytes allowed");
            }
            if (length >= 0 && offset + headerLength > length) {
                throw bad(8, "header length " + headerLength + " runs past the end of the data (" + length + " bytes)");
            }
            long headerStart = offset;
            byte[] headerBytes = new byte[(int) headerLength];
            if (readUpTo(headerBytes, 0, headerBytes.length) < headerBytes.length) {
                throw bad(offset, "truncated: the file ends inside the header (" + headerLength + " bytes announced)");
            }
            String text = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            HeaderDict header = HeaderDict.parse(text, source, headerStart);
            NpyType type = NpyType.ofDescr(header.descr);
            if (type == null) {
                throw bad(headerStart, "dtype '" + header.descr + "' is not supported (supported: <f4 <f8 <i4 <i8 |u1 |b1)");
            }
            if (header.fortranOrder) {
                throw bad(headerStart, "fortran_order True is not supported: save a C-ordered array "
                        + "(np.ascontiguousarray)");
            }
            long count = 1;
            for (long d : header.shape) {
                count *= d; // each d <= Integer.MAX_VALUE, count <= Integer.MAX_VALUE before: no overflow
                if (count > Integer.MAX_VALUE - 8) {
                    throw bad(headerStart, "shape " + header.shapeText() + " holds more elements than a Java array can");
                }
            }
            long dataBytes = count * type.itemSize();
            if (length >= 0 && length - offset != dataBytes) {
                throw bad(offset, "shape " + header.shapeText() + " of " + type.descr() + " needs " + dataBytes
                        + " data bytes, but " + (length - offset) + " bytes follow the header");
            }
            int[] shape = new int[header.shape.length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) header.shape[i];
            }
            Object data = readElements(type, (int) count, length >= 0);
            if (length < 0 && in.read() >= 0) {
                throw bad(offset, "extra bytes after the " + count + " elements the shape " + header.shapeText()
                        + " announces");
            }
            return NpyArray.wrap(type, shape, data);
        }

        private Object readElements(NpyType type, int count, boolean backed) throws IOException {
            int item = type.itemSize();
            int capacity = backed ? count : Math.min(count, INITIAL_ELEMENTS);
            Object data = allocate(type, capacity);
            byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(8, (long) count * item))];
            ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            int done = 0;
            while (done < count) {
                int k = Math.min(buf.length / item, count - done);
                long at = offset;
                if (readUpTo(buf, 0, k * item) < k * item) {
                    throw bad(offset, "truncated: the data ends after " + (offset - at + (long) done * item)
                            + " of " + (long) count * item + " data bytes");
                }
                if (done + k > capacity) {
                    capacity = (int) Math.min(count, Math.max((long) capacity * 2, done + k));
                    data = grow(data, capacity);
                }
                bb.clear();
                switch (type) {
                    case FLOAT32: bb.asFloatBuffer().get((float[]) data, done, k); break;
                    case FLOAT64: bb.asDoubleBuffer().get((double[]) data, done, k); break;
                    case INT32: bb.asIntBuffer().get((int[]) data, done, k); break;
                    case INT64: bb.asLongBuffer().get((long[]) data, done, k); break;
                    case UINT8: System.arraycopy(buf, 0, data, done, k); break;
                    case BOOL: {
                        boolean[] b = (boolean[]) data;
                        for (int i = 0; i < k; i++) {
                            int v = buf[i];
                            if (v != 0 && v != 1) {
                                throw bad(at + i, "bool element " + (done + i) + " is " + (v & 0xFF) + ", expected 0 or 1");
                            }
                            b[done + i] = v == 1;
                        }
                        break;
                    }
                    default: throw new AssertionError(type);
                }
                done += k;
            }
            return data;
        }

        private static Object allocate(NpyType type, int n) {
            switch (type) {
                case FLOAT32: return new float[n];
                case FLOAT64: return new double[n];
                case INT32: return new int[n];
                case INT64: return new long[n];
                case UINT8: return new byte[n];
                case BOOL: return new boolean[n];
                default: throw new AssertionError(type);
            }
        }

        private static Object grow(Object data, int n) {
            if (data instanceof float[]) {
                return Arrays.copyOf((float[]) data, n);
            } else if (data instanceof double[]) {
                return Arrays.copyOf((double[]) data, n);
            } else if (data instanceof int[]) {
                return Arrays.copyOf((int[]) data, n);
            } else if (data instanceof long[]) {
                return Arrays.copyOf((long[]) data, n);
            } else if (data instanceof byte[]) {
                return Arrays.copyOf((byte[]) data, n);
            }
            return Arrays.copyOf((boolean[]) data, n);
        }

        private int readUpTo(byte[] buf, int off, int len) throws IOException {
            int total = 0;
            while (total < len) {
                int n = in.read(buf, off + total, len - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            offset += total;
            return total;
        }

        private DataException bad(long at, String what) {
            return new DataException(source + ": " + what + " (byte offset " + at + ")");
        }
    }

    /** The three entries of a {@code .npy} header, parsed from its Python dict literal. */
    static final class HeaderDict {
        String descr;
        boolean fortranOrder;
        long[] shape;
        private final String text;
        private final String source;
        private final long base;
        private int pos;

        private HeaderDict(String text, String source, long base) {
            this.text = text;
            this.source = source;
            this.base = base;
        }

        static HeaderDict parse(String text, String source, long base) throws DataException {
            HeaderDict h = new HeaderDict(text, source, base);
            h.parseDict();
            return h;
        }

        String shapeText() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                sb.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
            }
            return sb.append(')').toString();
        }

        private void parseDict() throws DataException {
            skipSpace();
            expect('{');
            boolean seenDescr = false;
            boolean seenOrder = false;
            boolean seenShape = false;
            skipSpace();
            while (peek() != '}') {
                int keyAt = pos;
                String key = parseString();
                skipSpace();
                expect(':');
                skipSpace();
                switch (key) {
                    case "descr":
                        if (seenDescr) {
                            throw bad(keyAt, "the key 'descr' appears twice");
                        }
                        seenDescr = true;
                        descr = parseString();
                        break;
                    case "fortran_order":
                        if (seenOrder) {
                            throw bad(keyAt, "the key 'fortran_order' appears twice");
                        }
                        seenOrder = true;
                        fortranOrder = parseBool();
                        break;
                    case "shape":
                        if (seenShape) {
                            throw bad(keyAt, "the key 'shape' appears twice");
                        }
                        seenShape = true;
                        shape = parseShape();
                        break;
                    default:
                        throw bad(keyAt, "unexpected key '" + key + "' (a .npy header has 'descr', 'fortran_order' and 'shape')");
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw bad(pos, "expected ',' or '}' in the header dict");
                }
            }
            pos++;
            skipSpace();
            if (pos != text.length()) {
                throw bad(pos, "unexpected characters after the header dict");
            }
            if (!seenDescr || !seenOrder || !seenShape) {
                throw bad(0, "the header dict must have the keys 'descr', 'fortran_order' and 'shape'");
            }
        }

        private String parseString() throws DataException {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw bad(pos, "expected a quoted string");
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw bad(pos, "unterminated string");
            }
            String s = text.substring(pos + 1, end);
            if (s.indexOf('\\') >= 0) {
                throw bad(pos, "escapes in strings are not supported");
            }
            pos = end + 1;
            return s;
        }

        private boolean parseBool() throws DataException {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw bad(pos, "expected True or False");
        }

        private long[] parseShape() throws DataException {
            expect('(');
            long[] dims = new long[0];
            skipSpace();
            boolean needComma = false; // a 1-tuple must be written (n,)
            while (peek() != ')') {
                int at = pos;
                long d = 0;
                int digits = 0;
                while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                    d = d * 10 + (text.charAt(pos++) - '0');
                    if (++digits > 10 || d > Integer.MAX_VALUE) {
                        throw bad(at, "shape dimension is larger than " + Integer.MAX_VALUE);
                    }
                }
                if (digits == 0) {
                    throw bad(at, "expected a non-negative integer in the shape");
                }
                if (peek() == 'L') {
                    pos++; // Python 2 long suffix
                }
                if (dims.length >= 64) {
                    throw bad(at, "shape has more than 64 dimensions");
                }
                dims = Arrays.copyOf(dims, dims.length + 1);
                dims[dims.length - 1] = d;
                skipSpace();
                if (peek() == ',') {
                    pos++;
                    skipSpace();
                    needComma = false;
                } else if (peek() != ')') {
                    throw bad(pos, "expected ',' or ')' in the shape");
                } else {
                    needComma = dims.length == 1;
                }
            }
            if (needComma) {
                throw bad(pos, "a 1-d shape is written (n,), not (n)");
            }
            pos++;
            return dims;
        }

        private void expect(char c) throws DataException {
            if (peek() != c) {
                throw bad(pos, "expected '" + c + "'");
            }
            pos++;
        }

        private char peek() throws DataException {
            if (pos >= text.length()) {
                throw bad(pos, "the header dict ends too early");
            }
            return text.charAt(pos);
        }

        private void skipSpace() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                    || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
                pos++;
            }
        }

        private DataException bad(int at, String what) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            return new DataException(source + ": bad .npy header: " + what + " (byte offset " + (base + at)
                    + "; header: " + shown.strip() + ")");
        }
    }
}

package dev.vecnn.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads protocol buffers' wire format from a byte range, field by field (see {@link ProtoWriter}
 * for the encoding). Bounded: every length is checked against the bytes left in the enclosing
 * message before anything is allocated or read, so an input can make the reader allocate no more
 * than its own size; a varint longer than 10 bytes, a length past the end, a wire type protobuf
 * does not define (3, 4: groups; 6, 7) or field number 0 are a {@link DataException} naming the
 * source, the byte offset and what was expected.
 *
 * <pre>{@code
 * while (r.next()) {
 *     switch (r.field()) {
 *         case 1: name = r.string(); break;
 *         case 2: body = r.message(); break;
 *         default: r.skip();
 *     }
 * }
 * }</pre>
 */
final class ProtoReader {
    private final byte[] buf;
    private final String source;
    private final int end;
    private int pos;
    private int field;
    private int wireType;
    private int tagOffset;

    /** A reader of all of {@code bytes}; {@code source} names them in messages. */
    public ProtoReader(byte[] bytes, String source) {
        this(bytes, 0, bytes.length, source);
    }

    private ProtoReader(byte[] buf, int start, int end, String source) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        this.source = source;
    }

    /** Reads the next tag; false at the end of the message. */
    public boolean next() throws DataException {
        if (pos >= end) {
            return false;
        }
        tagOffset = pos;
        long tag = rawVarint();
        long number = tag >>> 3;
        wireType = (int) (tag & 7);
        if (number == 0 || number > 0x1FFFFFFF) {
            throw error(tagOffset, "a field number in [1, 2^29 - 1], got " + number);
        }
        if (wireType != ProtoWriter.VARINT && wireType != ProtoWriter.FIXED64
                && wireType != ProtoWriter.LENGTH_DELIMITED && wireType != ProtoWriter.FIXED32) {
            throw error(tagOffset, "wire type 0, 1, 2 or 5 (field " + number + "), got " + wireType);
        }
        field = (int) number;
        return true;
    }

    /** The field number of the tag {@link #next()} read. */
    public int field() {
        return field;
    }

    /** The wire type of the tag {@link #next()} read (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32). */
    public int wireType() {
        return wireType;
    }

    /** Byte offset of the current field's tag, for messages. */
    public int offset() {
        return tagOffset;
    }

    /** The source named in messages. */
    public String source() {
        return source;
    }

    /** An integer or enum field. */
    public long varint() throws DataException {
        expect(ProtoWriter.VARINT, "an integer (varint)");
        return rawVarint();
    }

    /** An int32 or enum field: a varint that must fit in an int. */
    public int int32() throws DataException {
        int at = pos;
        long v = varint();
        if (v != (int) v) {
            throw error(at, "a 32-bit integer (field " + field + "), got " + v);
        }
        return (int) v;
    }

    /** A float field (fixed32). */
    public float float32() throws DataException {
        expect(ProtoWriter.FIXED32, "a float (fixed32)");
        return Float.intBitsToFloat(rawFixed32());
    }

    /** A bytes field (a copy). */
    public byte[] bytes() throws DataException {
        int length = length();
        byte[] b = new byte[length];
        System.arraycopy(buf, pos, b, 0, length);
        pos += length;
        return b;
    }

    /** A string field; must be valid UTF-8. */
    public String string() throws DataException {
        int at = pos;
        int length = length();
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, pos, length)).toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw error(at, "a UTF-8 string (field " + field + "), got invalid UTF-8");
        }
    }

    /** A nested message field: a reader of its bytes (no copy). */
    public ProtoReader message() throws DataException {
        int length = length();
        ProtoReader sub = new ProtoReader(buf, pos, pos + length, source);
        pos += length;
        return sub;
    }

    /**
     * A repeated float field: appends to {@code into} one value (fixed32) or a packed run
     * (length-delimited, a multiple of 4 bytes), whichever the writer chose.
     */
    public void floats(FloatList into) throws DataException {
        if (wireType == ProtoWriter.FIXED32) {
            into.add(Float.intBitsToFloat(rawFixed32()));
            return;
        }
        int at = pos;
        int length = length();
        if (length % 4 != 0) {
            throw error(at, "packed floats, a multiple of 4 bytes (field " + field + "), got " + length + " bytes");
        }
        into.reserve(length / 4);
        for (int i = 0; i < length / 4; i++) {
            into.add(Float.intBitsToFloat(rawFixed32()));
        }
    }

    /** A repeated double field: one value (fixed64) or a packed run (a multiple of 8 bytes). */
    public void doubles(DoubleList into) throws DataException {
        if (wireType == ProtoWriter.FIXED64) {
            into.add(Double.longBitsToDouble(rawFixed64()));
            return;
        }
        int at = pos;
        int length = length();
        if (length % 8 != 0) {
            throw error(at, "packed doubles, a multiple of 8 bytes (field " + field + "), got " + length + " bytes");
        }
        into.reserve(length / 8);
        for (int i = 0; i < length / 8; i++) {
            into.add(Double.longBitsToDouble(rawFixed64()));
        }
    }

    /** A repeated integer field: one varint, or a packed run of varints. */
    public void varints(LongList into) throws DataException {
        if (wireType == ProtoWriter.VARINT) {
            into.add(rawVarint());
            return;
        }
        int length = length();
        int stop = pos + length;
        ProtoReader run = new ProtoReader(buf, pos, stop, source);
        while (run.pos < stop) {
            into.add(run.rawVarint());
        }
        pos = stop;
    }

    /** Skips the current field's value. */
    public void skip() throws DataException {
        switch (wireType) {
            case ProtoWriter.VARINT: rawVarint(); break;
            case ProtoWriter.FIXED64: need(8); pos += 8; break;
            case ProtoWriter.FIXED32: need(4); pos += 4; break;
            default: {
                int length = length();   // moves pos past the length's varint first
                pos += length;
            }
        }
    }

    /** A {@link DataException}: {@code source: at byte offset: expected ...}. */
    public DataException error(int offset, String expected) {
        return new DataException(source + ": at byte " + offset + ": expected " + expected);
    }

    // ---- raw values ----

    private void expect(int type, String what) throws DataException {
        if (wireType != type) {
            throw error(tagOffset, what + " in field " + field + ", got wire type " + wireType);
        }
    }

    private int length() throws DataException {
        expect(ProtoWriter.LENGTH_DELIMITED, "a length-delimited value (bytes, string, message, packed)");
        int at = pos;
        long length = rawVarint();
        if (length < 0 || length > end - pos) {
            throw error(at, "a length of at most the " + (end - pos) + " bytes left in the message (field "
                    + field + "), got " + length);
        }
        return (int) length;
    }

    private long rawVarint() throws DataException {
        int at = pos;
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw error(at, "a varint, got the end of the message");
            }
            int b = buf[pos++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw error(at, "a varint of at most 10 bytes");
    }

    private int rawFixed32() throws DataException {
        need(4);
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private long rawFixed64() throws DataException {
        need(8);
        long lo = rawFixed32() & 0xFFFFFFFFL;
        long hi = rawFixed32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    private void need(int n) throws DataException {
        if (end - pos < n) {
            throw error(pos, n + " bytes (field " + field + "), got " + (end - pos) + " before the end of the message");
        }
    }

    /** A growable float[] (the reader never pre-sizes it beyond bytes it has). */
    public static final class FloatList {
        private float[] values = new float[16];
        private int size;

        void reserve(int more) {
            if (size + more > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(size + more, values.length * 2));
            }
        }

        void add(float v) {
            reserve(1);
            values[size++] = v;
        }

        public int size() {
            return size;
        }

        public float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** A growable double[]. */
    public static final class DoubleList {
        private double[] values = new double[16];
        private int size;

        void reserve(int more) {
            if (size + more > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(size + more, values.length * 2));
            }
        }

        void add(double v) {
            reserve(1);
            values[size++] = v;
        }

        public int size() {
            return size;
        }

        public double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /** A growable long[]. */
    public static final class LongList {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        public int size() {
            return size;
        }

        public long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}

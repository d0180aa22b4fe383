package dev.vecnn.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protocol buffers' wire format (the encoding of {@code .onnx} files), field by field: a
 * tag ({@code field << 3 | wire type}) as a varint, then the value: varints for integers and
 * enums, 4 or 8 little-endian bytes for float and double, a varint length and the bytes for
 * strings, bytes, packed arrays and nested messages. A nested message is written by a writer of its
 * own and added with {@link #message}. Only what {@link Onnx} needs; no schema, no reflection.
 */
final class ProtoWriter {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An integer or enum field (int32 and int64 alike; negative values take 10 bytes, as protobuf writes them). */
    public ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** A float field (wire type fixed32). */
    public ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        rawFixed32(Float.floatToRawIntBits(value));
        return this;
    }

    /** A string field, UTF-8. */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field. */
    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    /** A nested message field: {@code message}'s bytes, length-prefixed. */
    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A packed repeated int64 field (one length-prefixed run of varints). */
    public ProtoWriter packedVarints(int field, long[] values) {
        ProtoWriter run = new ProtoWriter();
        for (long v : values) {
            run.rawVarint(v);
        }
        return bytes(field, run.toByteArray());
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        if (field < 1) {
            throw new IllegalArgumentException("field must be >= 1, got " + field);
        }
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private void rawFixed32(int bits) {
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
    }
}

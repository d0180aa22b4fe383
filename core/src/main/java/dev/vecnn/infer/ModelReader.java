package dev.vecnn.infer;

import dev.vecnn.io.DataException;
import dev.vecnn.io.Npz;
import dev.vecnn.layers.Normalization;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one path every {@code InferenceModel.load} takes, whatever the model comes from (a file, a
 * stream, bytes, a class-path resource): looks at the first bytes to tell the format, then reads.
 * An {@code .npz} (a zip archive, "PK"), read by {@link NpzModels} (a vecnn model file, a Solver
 * checkpoint, or numpy's parameter names), or an ONNX model (a protobuf ModelProto, whose first
 * field is ir_version: byte 0x08), read by {@link OnnxImport}. A new format is one more branch
 * here, and every {@code load} form reads it.
 */
final class ModelReader {
    private ModelReader() {}

    /**
     * The model in {@code raw} (read to its end, not closed), {@code source} naming it in messages;
     * {@code normalization} (null: from the file) and {@code prefix} as {@link InferenceModel#load(java.nio.file.Path,
     * Normalization, String)} takes them.
     */
    static InferenceModel read(InputStream raw, String source, Normalization normalization, String prefix)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        if (head.length >= 2 && head[0] == 'P' && head[1] == 'K') {
            return NpzModels.load(Npz.read(in, source), source, normalization, prefix);
        }
        if (head.length >= 1 && head[0] == 0x08) { // protobuf field 1 (ir_version), varint: an ONNX ModelProto
            if (normalization != null || (prefix != null && !prefix.isEmpty())) {
                throw new DataException(source + ": an ONNX model says its layers itself: no normalization or "
                        + "parameter prefix applies");
            }
            return OnnxImport.toModel(dev.vecnn.io.Onnx.read(in, source), source);
        }
        if (head.length == 0) {
            throw new DataException(source + ": empty (0 bytes): not a model file");
        }
        throw new DataException(source + ": not a model file vecnn reads: expected an .npz (a zip archive, starting "
                + "with PK; a vecnn model file, a checkpoint or numpy's np.savez) or an .onnx model, got bytes " + hex(head));
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x & 0xFF));
        }
        return sb.toString().trim();
    }
}

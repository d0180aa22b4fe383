package dev.vecnn.cli;

import dev.vecnn.infer.InferenceModel;
import dev.vecnn.infer.OnnxExportOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code vecnn export --onnx model.onnx --model best_model.npz}: a trained model as an ONNX file
 * (opset 17) that any ONNX runtime runs; see the README's "ONNX" section for the graph.
 */
final class ExportCommand implements Command {
    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "a trained model as an ONNX file (opset 17) for ONNX Runtime and other runtimes";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = new Flags(name(), summary())
                .option("model", "FILE", null, "the trained model: a vecnn model file (.npz), a checkpoint or an .onnx")
                .option("onnx", "FILE", null, "the ONNX file to write")
                .flag("softmax", "end the graph with a Softmax: its output is probabilities instead of class scores")
                .flag("no-mean-image", "leave the mean image out: the graph takes preprocessed rows (input x), not raw "
                        + "pixel values (input pixels, the mean image subtracted by a Sub node)")
                .footer("Writes the test-mode graph: Gemm, BatchNormalization or LayerNormalization, Relu, Mul for "
                        + "vanilla dropout (inverted dropout adds nothing), FLOAT or DOUBLE as the model; the class names "
                        + "go in metadata_props (vecnn.class_names).")
                .parse(args, 0);
        if (flags.helpRequested()) {
            out.print(flags.help());
            return 0;
        }
        for (String required : new String[] {"model", "onnx"}) {
            if (!flags.given(required)) {
                throw new UsageException("vecnn export: --" + required + " FILE is required (vecnn export --onnx model.onnx "
                        + "--model best_model.npz)");
            }
        }
        Path modelFile = Path.of(flags.string("model"));
        Path onnxFile = Path.of(flags.string("onnx"));
        InferenceModel model = InferenceModel.load(modelFile);
        OnnxExportOptions options = OnnxExportOptions.defaults()
                .withSoftmax(flags.isSet("softmax"))
                .withMeanImage(!flags.isSet("no-mean-image"));
        model.writeOnnx(onnxFile, options);
        boolean sub = options.meanImage() && model.hasMeanImage();
        out.printf("wrote %s (%,d bytes): %s, opset 17%n", onnxFile, Files.size(onnxFile), model);
        out.println("  input  " + (sub ? "pixels: raw values, N x " + model.inputDim() + " (the graph subtracts the mean image)"
                : "x: preprocessed rows, N x " + model.inputDim()));
        out.println("  output " + (options.softmax() ? "probabilities" : "scores") + ": N x " + model.numClasses());
        out.println("  classes " + (model.hasClassNames() ? String.join(", ", model.classNames())
                + " (metadata_props vecnn.class_names)" : "none named (the model file has no class names)"));
        return 0;
    }
}

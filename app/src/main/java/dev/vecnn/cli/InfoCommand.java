package dev.vecnn.cli;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Isa;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code vecnn info}: kernels in use, SIMD width, threads, JDK, memory, where data is looked for, a
 * self-check; with {@code --model FILE}, what the model file holds instead (layers, precision,
 * normalization, dropout, mean image, class names).
 */
final class InfoCommand implements Command {
    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "kernels in use, SIMD width, threads, JDK, where data is looked for; quick self-check";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws java.io.IOException {
        Flags flags = new Flags(name(), summary())
                .option("data", "PATH", DataLocation.DEFAULT, "CIFAR-10: folder or cifar-10-binary.tar.gz")
                .option("threads", "N", null, "kernel threads (default: vecnn.threads or all cores)")
                .option("model", "FILE", null, "describe this model file (.npz) instead: layers, precision, class names")
                .parse(args, 0);
        if (flags.helpRequested()) {
            out.print(flags.help());
            return 0;
        }
        if (flags.given("model")) {
            describeModel(java.nio.file.Path.of(flags.string("model")), out, err);
            return 0;
        }
        if (flags.given("threads")) {
            Parallel.setThreads(flags.integer("threads", 1, 1024));
        }
        out.println("vecnn kernels : " + VectorSupport.describe());
        out.println("SIMD lanes    : " + VectorSupport.floatLanes() + " float, "
                + VectorSupport.doubleLanes() + " double"
                + (VectorSupport.moduleReadable() ? "" : "  (start the JVM with --add-modules jdk.incubator.vector for SIMD)"));
        out.println("ISA           : " + Isa.describe());
        out.println("GEMM tile     : " + dev.vecnn.cli.bench.Report.tile());
        out.println("threads       : " + Parallel.threads() + " (of " + Runtime.getRuntime().availableProcessors() + " cores)");
        out.println("JDK           : " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("os.arch") + ")");
        out.println("max heap      : " + String.format(Locale.ROOT, "%.1f GiB", Runtime.getRuntime().maxMemory() / (double) (1L << 30)));
        out.println("data          : " + DataLocation.of(flags.string("data")).describe());
        // Quick self-check: a small GEMM against a hand-computed product.
        float[] a = {1, 2, 3, 4, 5, 6};          // 2x3
        float[] b = {7, 8, 9, 10, 11, 12};       // 3x2
        float[] c = new float[4];
        Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
        float[] expected = {58, 64, 139, 154};
        boolean ok = Arrays.equals(c, expected);
        out.println("self-check    : " + (ok ? "ok (sgemm 2x3 * 3x2)" : "FAILED: sgemm gave " + Arrays.toString(c)
                + ", expected " + Arrays.toString(expected)));
        return ok ? 0 : 1;
    }

    /** The model block of {@code vecnn info --model FILE}. */
    static void describeModel(java.nio.file.Path file, PrintStream out, PrintStream err) throws java.io.IOException {
        dev.vecnn.infer.InferenceModel model = dev.vecnn.infer.InferenceModel.load(file);
        int[] dims = model.layerDims();
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            layers.append(i > 0 ? " -> " : "").append(dims[i]);
        }
        out.println("model         : " + file);
        out.println("layers        : " + layers + "  (" + model.numLayers() + " affine layers)");
        out.println("precision     : " + model.precision());
        out.println("normalization : " + model.normalization().name().toLowerCase(Locale.ROOT));
        out.println("dropout       : " + (model.dropoutMode() == dev.vecnn.infer.DropoutMode.VANILLA
                ? "vanilla, keep p " + model.keepProb() + " (activations x p at test time)"
                : model.keepProb() == 1 ? "none at test time" : "inverted, keep p " + model.keepProb() + " (nothing at test time)"));
        out.println("mean image    : " + (model.hasMeanImage() ? "yes (subtracted from raw images; vecnn predict works)"
                : "no (vecnn predict needs one: the file holds only parameters)"));
        if (model.hasClassNames()) {
            out.println("class names   : " + String.join(", ", model.classNames()));
        } else {
            out.println("class names   : none in the file; labels are shown as names: "
                    + String.join(", ", model.classNames()));
            err.println("vecnn info: note: " + file + " stores no class names (written before vecnn stored them, or a "
                    + "plain numpy file); predictions name classes by their labels 0.." + (model.numClasses() - 1));
        }
    }
}

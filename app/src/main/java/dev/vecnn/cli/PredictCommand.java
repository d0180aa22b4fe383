package dev.vecnn.cli;

import dev.vecnn.data.ImagePreprocessing;
import dev.vecnn.infer.ClassProbability;
import dev.vecnn.infer.Classification;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.io.Json;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.tensor.DType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code vecnn predict --model FILE IMAGE…}: classifies PNG and JPEG images (files, folders
 * searched recursively, or a list of paths on standard input after {@code -}) with a trained
 * model, printing each image's top classes with their probabilities, one line per image (or one
 * JSON object per line). The model is read once; images are decoded on every core, a batch at a
 * time, and each batch goes through the net in one call. An image that cannot be read gets one
 * line on stderr and the rest go on; the exit status is then 1. At the end, on stderr: the
 * throughput (decoding and the net timed apart) and, when every image sits in a folder named
 * after one of the model's classes, the accuracy.
 */
final class PredictCommand implements Command {
    /** Larger files are not images this command expects (a 50-megapixel JPEG is about 20 MB). */
    static final long MAX_FILE_BYTES = 64L << 20;

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "classify PNG/JPEG images with a trained model: top classes with probabilities";
    }

    static Flags flags() {
        return new Flags("predict", "Classifies images with a trained model (a model file with a mean image, e.g. the\n"
                + "best_model.npz of a run): each image is made a 32x32 RGB image (the centre square, or the\n"
                + "whole image padded with black: --fit; resized by area averaging), the model's mean image\n"
                + "is subtracted, and the net's class probabilities (softmax) are printed, best first.\n"
                + "IMAGE is a .png/.jpg/.jpeg file, a folder (searched recursively), or - to read paths from\n"
                + "standard input, one per line. Results go to stdout, one line per image in the order given;\n"
                + "problems and the closing summary to stderr. An unreadable image gets one line and the rest\n"
                + "go on (exit status 1 at the end). When every image is in a folder named after a class of\n"
                + "the model (e.g. test/cat/0001.png), the accuracy is printed too.")
                .operands("IMAGE")
                .option("model", "FILE", null, "the model: a vecnn model file (.npz) with a mean image, e.g. a run's best_model.npz, or an .onnx export")
                .option("top", "K", "3", "classes printed per image")
                .flag("json", "one JSON object per line: image, label, class, probability, top [{label, class, probability}]")
                .option("fit", "HOW", "crop", "non-square images: crop (the centre square) or pad (black borders)")
                .option("batch", "N", "100", "images decoded and classified per batch")
                .option("threads", "N", null, "threads for decoding and the net (default: vecnn.threads or all cores)")
                .option("progress", "MODE", "auto", "progress bar on stderr for long lists: auto (on a terminal), bar, plain");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, out, err, System.in);
    }

    int run(String[] args, PrintStream out, PrintStream err, InputStream stdin) throws Exception {
        Flags f = flags().parse(args, 0);
        if (f.helpRequested()) {
            out.print(f.help());
            return 0;
        }
        if (f.string("model") == null) {
            throw new UsageException("--model FILE is required (a model file with a mean image, e.g. best_model.npz)");
        }
        int top = f.integer("top", 1, 1_000_000);
        int batch = f.integer("batch", 1, 4096);
        boolean json = f.isSet("json");
        ImagePreprocessing.Fit fit = f.choice("fit", "crop", "pad").equals("crop")
                ? ImagePreprocessing.Fit.CROP : ImagePreprocessing.Fit.PAD;
        String progressMode = f.choice("progress", "auto", "bar", "plain");
        if (f.given("threads")) {
            Parallel.setThreads(f.integer("threads", 1, 1024));
        }
        List<String> operands = f.operands();
        if (operands.isEmpty()) {
            throw new UsageException("no images given: name image files or folders, or - to read paths from stdin "
                    + "(try: vecnn predict --help)");
        }
        if (operands.stream().filter("-"::equals).count() > 1) {
            throw new UsageException("- (paths from stdin) is given more than once");
        }

        Path modelPath = Path.of(f.string("model"));
        InferenceModel model = InferenceModel.load(modelPath);
        if (!model.hasMeanImage()) {
            throw new IllegalArgumentException(modelPath + " has no mean image, so raw images cannot be prepared the "
                    + "way the net was trained; save the model with ModelFile.of(net).withMeanImage(...) (the run's "
                    + "best_model.npz has one)");
        }
        if (model.inputDim() != 3 * ImagePreprocessing.SIZE * ImagePreprocessing.SIZE) {
            throw new IllegalArgumentException(modelPath + " takes " + model.inputDim() + " input values, not a 32x32 RGB "
                    + "image (3072): vecnn predict classifies CIFAR-10-shaped images");
        }
        if (!model.hasClassNames()) {
            err.println("vecnn predict: note: " + modelPath + " stores no class names; classes are named by their labels 0.."
                    + (model.numClasses() - 1));
        }

        List<Input> inputs = new ArrayList<>();
        for (String operand : operands) {
            if (operand.equals("-")) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        if (!line.isBlank()) {
                            inputs.add(new Input(line.strip(), Path.of(line.strip())));
                        }
                    }
                }
            } else {
                expand(operand, inputs);
            }
        }

        int threads = Parallel.threads();
        boolean bar = inputs.size() > batch && Terminal.useBar(progressMode); // on stderr: stdout carries the results
        ProgressBar progress = bar ? new ProgressBar(err, System::nanoTime) : null;
        PrintStream problems = progress != null ? progress.lineStream(err) : err;
        Run run = new Run(model, fit, top, json, out, problems);
        ExecutorService decoders = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vecnn-decode");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        // Until C2 has compiled the Vector API kernels every vector operation runs as Java fallback
        // code, ~100x slower: the first batches of a run would pay seconds for it. A small net of the
        // model's kind reaches the compile thresholds in a fraction of that (as Warmup does for training).
        run.warmUpSeconds = warmUp(model);
        try {
            if (progress != null) {
                progress.start("predict", inputs.size(), "img");
            }
            for (int from = 0; from < inputs.size(); from += batch) {
                run.batch(inputs.subList(from, Math.min(inputs.size(), from + batch)), decoders);
                if (progress != null) {
                    progress.update(Math.min(inputs.size(), from + batch), Double.NaN);
                }
            }
            if (progress != null) {
                progress.finish();
            }
        } finally {
            decoders.shutdownNow();
            if (progress != null) {
                progress.endLine();
            }
        }
        out.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(run.summary(inputs.size(), seconds, threads, batch));
        String accuracy = run.accuracy();
        if (accuracy != null) {
            err.println(accuracy);
        }
        return run.failed > 0 ? 1 : 0;
    }

    /** Rows per warm-up call: two full 8-row tiles and a ragged edge, as a batch of 100 has. */
    private static final int WARM_ROWS = 20;
    /** The longest warm-up. */
    private static final long WARM_MAX_NANOS = 1_500_000_000L;

    /**
     * Runs a throwaway net of the model's precision (input just over one GEMM depth block, 40
     * hidden units: the code paths of the real net at a fraction of its work) on random rows until
     * four calls in a row run at 1 GFLOP per CPU-second or more (compiled), or 1.5 s pass. Returns
     * the seconds it took. Changes nothing the model computes.
     */
    static double warmUp(InferenceModel model) {
        long start = System.nanoTime();
        int in = Math.min(model.inputDim(), dev.vecnn.kernels.GemmShape.KC + 8);
        int hidden = 40;
        int classes = model.numClasses();
        java.util.Random r = new java.util.Random(1);
        double[] w1 = new double[in * hidden];
        double[] w2 = new double[hidden * classes];
        for (int i = 0; i < w1.length; i++) w1[i] = r.nextGaussian() * 0.05;
        for (int i = 0; i < w2.length; i++) w2[i] = r.nextGaussian() * 0.05;
        InferenceModel net = InferenceModel.builder().precision(model.precision())
                .param("W1", w1, in, hidden).param("b1", new double[hidden], hidden)
                .param("W2", w2, hidden, classes).param("b2", new double[classes], classes).build();
        double[] x = new double[WARM_ROWS * in];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian() * 60;
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) xf[i] = (float) x[i];
        double flops = 2.0 * WARM_ROWS * ((double) in * hidden + (double) hidden * classes);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!cpu.isCurrentThreadCpuTimeSupported()) {
            return 0;
        }
        float[] outF = new float[WARM_ROWS * classes];
        double[] outD = new double[WARM_ROWS * classes];
        int fast = 0;
        while (fast < 4 && System.nanoTime() - start < WARM_MAX_NANOS) {
            long cpu0 = cpu.getCurrentThreadCpuTime();
            if (model.precision() == DType.FLOAT32) {
                net.scores(xf, 0, WARM_ROWS, outF, 0);
            } else {
                net.scores(x, 0, WARM_ROWS, outD, 0);
            }
            long used = cpu.getCurrentThreadCpuTime() - cpu0;
            fast = used <= flops ? fast + 1 : 0; // ns <= flops: at least 1 GFLOP per CPU-second
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One image to classify: the text it was given as, and its path. */
    record Input(String shown, Path path) {}

    /** A file as is; a folder as every .png/.jpg/.jpeg under it (hidden ones skipped), sorted by path. */
    static void expand(String operand, List<Input> inputs) throws IOException {
        Path p = Path.of(operand);
        if (!Files.isDirectory(p)) {
            inputs.add(new Input(operand, p));
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            List<Path> found = walk.filter(q -> Files.isRegularFile(q) && isImageName(q) && !hiddenBelow(p, q))
                    .sorted().toList();
            if (found.isEmpty()) { // a mistyped or empty folder: not "0 images", exit 0
                throw new dev.vecnn.io.DataException(operand + ": a folder without .png/.jpg/.jpeg images (searched"
                        + " recursively, hidden files skipped)");
            }
            for (Path q : found) {
                inputs.add(new Input(q.toString(), q));
            }
        }
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static boolean hiddenBelow(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The state of one predict run: the model, the counts, the timings, the output. */
    private static final class Run {
        final InferenceModel model;
        final ImagePreprocessing.Fit fit;
        final int top;
        final boolean json;
        final PrintStream out;
        final PrintStream problems;
        final boolean float32;
        final Map<String, Integer> labelOfName = new LinkedHashMap<>();
        int classified;
        int failed;
        int labelled;
        int correct;
        long decodeNanos;
        long netNanos;
        double warmUpSeconds;

        Run(InferenceModel model, ImagePreprocessing.Fit fit, int top, boolean json, PrintStream out, PrintStream problems) {
            this.model = model;
            this.fit = fit;
            this.top = top;
            this.json = json;
            this.out = out;
            this.problems = problems;
            this.float32 = model.precision() == DType.FLOAT32;
            List<String> names = model.classNames();
            for (int i = 0; i < names.size(); i++) {
                labelOfName.put(names.get(i), i);
            }
        }

        /** Decodes the batch's images in parallel, runs the good ones through the net in one call, prints every image's line. */
        void batch(List<Input> inputs, ExecutorService decoders) throws InterruptedException {
            int n = inputs.size();
            int in = model.inputDim();
            long t0 = System.nanoTime();
            List<Future<byte[]>> decoded = new ArrayList<>(n);
            for (Input input : inputs) {
                decoded.add(decoders.submit(() -> decode(input)));
            }
            byte[][] images = new byte[n][];
            String[] problem = new String[n];
            for (int i = 0; i < n; i++) {
                try {
                    images[i] = decoded.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    problem[i] = Main.describe(e.getCause());
                }
            }
            int good = 0;
            float[] rowsF = float32 ? new float[n * in] : null;
            double[] rowsD = float32 ? null : new double[n * in];
            for (int i = 0; i < n; i++) {
                if (images[i] != null) {
                    if (float32) {
                        model.imageRow(images[i], rowsF, good * in);
                    } else {
                        model.imageRow(images[i], rowsD, good * in);
                    }
                    good++;
                }
            }
            long t1 = System.nanoTime();
            List<Classification> results;
            if (float32) {
                float[] scores = new float[good * model.numClasses()];
                model.scores(rowsF, 0, good, scores, 0);
                results = model.classifyScores(scores, good);
            } else {
                double[] scores = new double[good * model.numClasses()];
                model.scores(rowsD, 0, good, scores, 0);
                results = model.classifyScores(scores, good);
            }
            long t2 = System.nanoTime();
            decodeNanos += t1 - t0;
            netNanos += t2 - t1;
            int next = 0;
            for (int i = 0; i < n; i++) {
                Input input = inputs.get(i);
                if (images[i] == null) {
                    failed++;
                    problems.println("vecnn predict: " + Main.oneLine(problem[i]));
                    if (json) {
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("image", input.shown());
                        o.put("error", Main.oneLine(problem[i]));
                        out.println(oneLineJson(o));
                    }
                    continue;
                }
                Classification c = results.get(next++);
                classified++;
                count(input, c);
                out.println(json ? jsonLine(input, c) : textLine(input, c));
            }
        }

        /** The image's CIFAR-10 bytes; any problem is an exception whose message names the file. */
        byte[] decode(Input input) throws IOException {
            Path p = input.path();
            if (Files.isDirectory(p)) {
                throw new IOException(input.shown() + ": is a folder (folders are searched only when named on the "
                        + "command line)");
            }
            if (!Files.exists(p)) {
                throw new java.nio.file.NoSuchFileException(input.shown());
            }
            long size = Files.size(p);
            if (size > MAX_FILE_BYTES) {
                throw new IOException(input.shown() + ": " + size + " bytes is too large for an image (at most "
                        + MAX_FILE_BYTES + " accepted)");
            }
            return ImagePreprocessing.cifarBytes(Files.readAllBytes(p), input.shown(), fit);
        }

        /** Counts the image for the accuracy when its folder is named after a class. */
        void count(Input input, Classification c) {
            Path parent = input.path().getParent();
            Integer truth = parent == null || parent.getFileName() == null ? null
                    : labelOfName.get(parent.getFileName().toString());
            if (truth != null) {
                labelled++;
                if (truth == c.label()) {
                    correct++;
                }
            }
        }

        String textLine(Input input, Classification c) {
            StringBuilder sb = new StringBuilder(input.shown()).append(':');
            for (ClassProbability p : c.top(top)) {
                sb.append("  ").append(p.name()).append(' ').append(String.format(Locale.ROOT, "%.3f", p.probability()));
            }
            return sb.toString();
        }

        String jsonLine(Input input, Classification c) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("image", input.shown());
            o.put("label", c.label());
            o.put("class", c.name());
            o.put("probability", c.probability());
            List<Object> list = new ArrayList<>();
            for (ClassProbability p : c.top(top)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("label", p.label());
                item.put("class", p.name());
                item.put("probability", p.probability());
                list.add(item);
            }
            o.put("top", list);
            return oneLineJson(o);
        }

        String summary(int total, double seconds, int threads, int batch) {
            double decode = decodeNanos / 1e9;
            double net = netNanos / 1e9;
            return String.format(Locale.ROOT, "vecnn predict: %d image%s in %.2f s (%.0f images/s)%s; decoding %.2f s "
                            + "(%.0f images/s on %d thread%s), the net %.2f s (%.0f images/s, batches of up to %d), "
                            + "JIT warm-up %.2f s",
                    classified, classified == 1 ? "" : "s", seconds, classified / Math.max(seconds, 1e-9),
                    failed == 0 ? "" : ", " + failed + " of " + total + " could not be read",
                    decode, total / Math.max(decode, 1e-9), threads, threads == 1 ? "" : "s",
                    net, classified / Math.max(net, 1e-9), batch, warmUpSeconds);
        }

        /** The accuracy line when every classified image's folder names a class; else null. */
        String accuracy() {
            if (classified == 0 || labelled != classified) {
                return null;
            }
            return String.format(Locale.ROOT, "vecnn predict: accuracy %.4f (%d of %d images in the class their folder "
                    + "is named after)", correct / (double) labelled, correct, labelled);
        }
    }

    /** {@code value} as JSON on one line (maps, lists; leaves written by {@link Json#write}, which indents nested values). */
    static String oneLineJson(Object value) {
        StringBuilder sb = new StringBuilder();
        compact(sb, value);
        return sb.toString();
    }

    private static void compact(StringBuilder sb, Object v) {
        if (v instanceof Map) {
            sb.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(sep).append(Json.write(String.valueOf(e.getKey())).strip()).append(':');
                compact(sb, e.getValue());
                sep = ",";
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            String sep = "";
            for (Object item : (List<?>) v) {
                sb.append(sep);
                compact(sb, item);
                sep = ",";
            }
            sb.append(']');
        } else {
            sb.append(Json.write(v).strip());
        }
    }
}

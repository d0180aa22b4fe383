import dev.vecnn.data.Cifar10;
import dev.vecnn.data.CifarOptions;
import dev.vecnn.data.CifarSplits;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The acceptance check of {@code vecnn predict} (bench/predict_check.sh runs it): writes the
 * CIFAR-10 test batch as PNG files, then compares the labels
 * {@code vecnn predict --json} printed for the 10 000 CIFAR-10 test images written as PNG
 * (IMAGE_DIR/CLASS/NNNNN.png, NNNNN the record's index) against {@code InferenceModel.predict} on
 * the test split as {@code Cifar10.load} prepares it (the mean image of the first 49 000 training
 * images subtracted), label for label; the accuracy; and the in-memory rate of the net in batches
 * of 100, the figure predict's own "the net" rate is compared with (wall time, same threads).
 *
 * <pre>
 * java -cp app/target/vecnn.jar bench/PredictCheck.java write-png CIFAR IMAGE_DIR
 * java --add-modules jdk.incubator.vector -cp app/target/vecnn.jar bench/PredictCheck.java check MODEL CIFAR PREDICT_JSONL
 * </pre>
 */
public class PredictCheck {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("write-png")) {
            writePngs(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        check(args);
    }

    /** The test records as IMAGE_DIR/CLASS/NNNNN.png (lossless: the same pixels). */
    static void writePngs(Path cifar, Path dir) throws Exception {
        CifarSplits raw = Cifar10.load(cifar, CifarOptions.defaults().withNumTest(10000).withSubtractMean(false));
        float[] x = raw.test().floats();
        int[] y = raw.test().labels();
        for (int i = 0; i < y.length; i++) {
            java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < 1024; p++) {
                int at = i * 3072;
                im.setRGB(p % 32, p / 32, (int) x[at + p] << 16 | (int) x[at + 1024 + p] << 8 | (int) x[at + 2048 + p]);
            }
            Path f = dir.resolve(raw.classNames().get(y[i])).resolve(String.format("%05d.png", i));
            Files.createDirectories(f.getParent());
            javax.imageio.ImageIO.write(im, "png", f.toFile());
        }
    }

    static void check(String[] args) throws Exception {
        InferenceModel model = InferenceModel.load(Path.of(args[1]));
        CifarSplits cifar = Cifar10.load(Path.of(args[2]), CifarOptions.defaults().withNumTest(10000));
        float[] x = cifar.test().floats();
        int[] truth = cifar.test().labels();
        int n = truth.length;
        // in-memory rate, batches of 100, before anything else ran the net in this JVM: the first
        // pass over the 10 000 rows is cold (it pays the JIT, as vecnn predict's run does), then
        // the median and best of 7 warm passes
        int batch = 100;
        float[] scores = new float[batch * model.numClasses()];
        double[] rates = new double[7];
        double cold = 0;
        for (int rep = -3; rep < rates.length; rep++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < n; r += batch) {
                model.scores(x, r * model.inputDim(), batch, scores, 0);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            if (rep == -3) {
                cold = n / s;
            }
            if (rep >= 0) {
                rates[rep] = n / s;
            }
        }
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("in memory, batches of 100 (scores): first (cold) pass %.0f images/s; warm: median %.0f, best %.0f (threads %d)%n",
                cold, sorted[sorted.length / 2], sorted[sorted.length - 1], dev.vecnn.kernels.Parallel.threads());
        boolean sameMean = java.util.Arrays.equals(model.meanImage(), cifar.meanImage());
        int[] labels = new int[n];
        model.predict(x, n, labels);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += labels[i] == truth[i] ? 1 : 0;
        }
        int agree = 0, seen = 0;
        for (String line : Files.readAllLines(Path.of(args[3]))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) Json.parse(line);
            String image = (String) o.get("image");
            String file = Path.of(image).getFileName().toString();
            int index = Integer.parseInt(file.substring(0, file.indexOf('.')));
            seen++;
            if (o.containsKey("label") && ((Number) o.get("label")).intValue() == labels[index]) {
                agree++;
            }
        }
        System.out.printf("model mean image equals the training split's: %s%n", sameMean);
        System.out.printf("InferenceModel.predict on the test split: accuracy %.4f (%d of %d)%n", correct / (double) n, correct, n);
        System.out.printf("vecnn predict --json: %d lines, %d labels equal to InferenceModel.predict's%n", seen, agree);
        // would float32 arithmetic in the softmax change a printed digit (%.3f, vecnn predict's text)?
        float[] all = model.scores(x, n);
        int classes = model.numClasses();
        int changed = 0, rowsChanged = 0;
        for (int i = 0; i < n; i++) {
            double[] p64 = model.classifyScores(java.util.Arrays.copyOfRange(all, i * classes, (i + 1) * classes), 1)
                    .get(0).probabilities();
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, all[i * classes + j]);
            }
            float[] e = new float[classes];
            float sum = 0f;
            for (int j = 0; j < classes; j++) {
                e[j] = (float) Math.exp(all[i * classes + j] - max);
                sum += e[j];
            }
            boolean any = false;
            for (int j = 0; j < classes; j++) {
                if (!String.format("%.3f", e[j] / sum).equals(String.format("%.3f", p64[j]))) {
                    changed++;
                    any = true;
                }
            }
            rowsChanged += any ? 1 : 0;
        }
        System.out.printf("softmax in float32 instead of float64: %d of %d printed probabilities (%%.3f) differ, in %d of %d rows%n",
                changed, n * classes, rowsChanged, n);
    }
}

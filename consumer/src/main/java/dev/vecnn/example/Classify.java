package dev.vecnn.example;

import dev.vecnn.data.ImagePreprocessing;
import dev.vecnn.infer.ClassProbability;
import dev.vecnn.infer.Classification;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.layers.Normalization;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a model numpy wrote (model.npz), classifies the examples numpy wrote (examples.npz: X, y,
 * scores) one at a time and as a batch, prints every prediction and exits 1 if any label differs
 * from numpy's or any score is further than 1e-4 from numpy's. Then classifies a PNG the way an
 * application shipping its model would: the model (colours.npz, with class names and a mean
 * image) and the image (orange.png) are resources in this jar, the image is made a 32x32 CIFAR-10
 * image and classified, and the top classes are printed with names and probabilities; exits 1
 * if the best class is not "red".
 *
 * <pre>java -cp target/classes:target/lib/* dev.vecnn.example.Classify model.npz examples.npz</pre>
 */
public final class Classify {
    private Classify() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Classify MODEL.npz EXAMPLES.npz");
            System.exit(2);
        }
        InferenceModel model = InferenceModel.load(Path.of(args[0]), Normalization.BATCHNORM);
        Map<String, NpyArray> examples = Npz.read(Path.of(args[1]));
        float[] x = examples.get("X").floats();
        long[] expected = examples.get("y").longs();
        double[] numpyScores = examples.get("scores").doubles();
        int n = expected.length;
        int features = model.inputDim();
        int classes = model.numClasses();
        System.out.println("model: " + model);

        int[] batchLabels = new int[n];
        model.predict(x, n, batchLabels);
        float[] scores = model.scores(x, n);
        int wrong = 0;
        double worstScore = 0;
        for (int i = 0; i < n; i++) {
            int label = model.predict(x, i * features);
            boolean ok = label == expected[i] && batchLabels[i] == expected[i];
            for (int j = 0; j < classes; j++) {
                worstScore = Math.max(worstScore, Math.abs(scores[i * classes + j] - numpyScores[i * classes + j]));
            }
            System.out.printf("example %2d: predicted %d (batch %d), numpy %d%s%n",
                    i, label, batchLabels[i], expected[i], ok ? "" : "  MISMATCH");
            if (!ok) {
                wrong++;
            }
        }
        boolean scoresOk = worstScore <= 1e-4;
        System.out.printf("%d of %d labels agree with numpy; scores within 1e-4 of numpy: %s%n",
                n - wrong, n, scoresOk ? "yes" : "NO");
        if (wrong > 0 || !scoresOk) {
            System.err.printf("consumer: %d label(s) differ, largest score difference %.3g%n", wrong, worstScore);
            System.exit(1);
        }
        classifyImage();
    }

    /** orange.png classified by colours.npz, both read from the class (or module) path. */
    private static void classifyImage() throws Exception {
        InferenceModel colours = InferenceModel.loadResource(Classify.class, "/colours.npz");
        byte[] png;
        try (InputStream in = Classify.class.getResourceAsStream("/orange.png")) {
            png = in.readAllBytes();
        }
        byte[] rgb = ImagePreprocessing.cifarBytes(png, "orange.png", ImagePreprocessing.Fit.CROP);
        Classification c = colours.classifyImage(rgb);
        StringBuilder line = new StringBuilder("orange.png (model colours.npz, a resource of this jar):");
        for (ClassProbability p : c.top(3)) {
            line.append(String.format(Locale.ROOT, "  %s %.3f", p.name(), p.probability()));
        }
        System.out.println(line);
        if (!c.name().equals("red")) {
            System.err.println("consumer: orange.png was classified " + c.name() + ", expected red");
            System.exit(1);
        }
    }
}

package dev.vecnn.example;

import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.layers.Normalization;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a model numpy wrote (model.npz), classifies the examples numpy wrote (examples.npz: X, y,
 * scores) one at a time and as a batch, prints every prediction and exits 1 if any label differs
 * from numpy's or any score is further than 1e-4 from numpy's.
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
    }
}

package dev.vecnn.cli;

import dev.vecnn.check.ArrayStats;
import dev.vecnn.check.GradientCheck;
import dev.vecnn.layers.DropoutCache;
import dev.vecnn.layers.DropoutParam;
import dev.vecnn.layers.Forward;
import dev.vecnn.layers.Layers;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.LossAndGrads;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.PyFormat;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dropout notebook's sections 2-4, cell by cell, with the notebook's seeds, printing the
 * lines the notebook printed. Open this file next to the notebook: each method is one cell.
 *
 * <p>Dropout comes in two flavours and the notebook's first question asks what changes between
 * them, so the cells that depend on it run twice, labelled: <b>inverted</b> (train output
 * {@code x * mask / p}, test output {@code x}) and <b>vanilla</b> (train output
 * {@code x * mask}, test output {@code x * p}). The notebook's section 2 was printed with
 * inverted dropout (train means near 10), its gradient-check cells (sections 3 and 4) evidently
 * with vanilla dropout: its dx error 1.89e-11 and initial losses 2.30245... and 2.30300... are the
 * vanilla numbers. Each printed block says which cell it matches ({@code [notebook]}) or that it
 * is printed for Question 1; a value whose printed digits differ from the notebook's names the
 * notebook's next to it. {@code p} is the KEEP probability throughout.
 */
public final class NotebookWalkthrough {
    private NotebookWalkthrough() {}

    /** One p of section 2: what the cell prints. */
    public record ForwardCheck(double p, double inputMean, double trainMean, double testMean,
                               double trainZeroFraction, double testZeroFraction) {}

    /** One net of section 4: the initial loss and each parameter's relative error, by sorted name. */
    public record NetCheck(String dropout, double initialLoss, Map<String, Double> relErrors) {}

    /** Section 3's dx relative error as the notebook printed it (its cell ran vanilla dropout). */
    static final String NOTEBOOK_DX_ERROR = "1.892896954038074e-11";
    /** Section 4's initial losses as the notebook printed them (vanilla), for dropout 1, 0.75, 0.5. */
    static final List<String> NOTEBOOK_LOSSES = List.of("2.3004790897684924", "2.302454105929313", "2.3030067920900876");
    /** Section 4's relative errors as the notebook printed them (vanilla), W1 W2 W3 b1 b2 b3 per net. */
    static final List<List<String>> NOTEBOOK_ERRORS = List.of(
            List.of("1.48e-07", "2.21e-05", "3.53e-07", "5.38e-09", "2.09e-09", "5.80e-11"),
            List.of("2.56e-07", "2.10e-06", "5.57e-08", "6.43e-09", "2.04e-09", "1.10e-10"),
            List.of("1.22e-06", "9.41e-08", "2.67e-07", "3.53e-08", "3.37e-09", "1.01e-10"));

    /**
     * Prints sections 2, 3 and 4. Each block says which notebook cell it matches: the notebook's
     * section 2 was printed with inverted dropout, its sections 3 and 4 with vanilla dropout, so
     * the block in the notebook's mode is the one to hold against it, and the block in the other
     * mode is printed for Question 1. Where a number differs from the notebook's printed digits
     * the line says so (a gradient-check error's last digits depend on summation order).
     */
    public static void run(PrintStream out) {
        List<NetCheck> netsInverted = netGradientCheck(true);
        List<NetCheck> netsVanilla = netGradientCheck(false);
        out.println("# The notebook printed section 2 with inverted dropout and sections 3-4 with vanilla dropout");
        out.println("# (its numbers are those of each mode), so every block runs both ways: the block marked");
        out.println("# [notebook] matches the notebook's cell, the other is printed for Question 1.");
        out.println();
        out.println("== 2. Dropout forward pass");
        for (boolean inverted : new boolean[] {true, false}) {
            out.println();
            out.println("-- " + flavour(inverted) + " dropout  " + (inverted
                    ? "[notebook] section 2's cell: these are its printed numbers"
                    : "[for Question 1] not in the notebook: train output x * mask, test output x * p"));
            out.println("np.random.seed(231); x = np.random.randn(500, 500) + 10");
            for (ForwardCheck c : dropoutForwardCheck(inverted)) {
                out.println("Running tests with p =  " + PyFormat.repr(c.p()));
                out.println("Mean of input:  " + PyFormat.repr(c.inputMean()));
                out.println("Mean of train-time output:  " + PyFormat.repr(c.trainMean()));
                out.println("Mean of test-time output:  " + PyFormat.repr(c.testMean()));
                out.println("Fraction of train-time output set to zero:  " + PyFormat.repr(c.trainZeroFraction()));
                out.println("Fraction of test-time output set to zero:  " + PyFormat.repr(c.testZeroFraction()));
                out.println();
            }
        }

        out.println("== 3. Dropout backward pass");
        for (boolean inverted : new boolean[] {true, false}) {
            out.println();
            out.println("-- " + flavour(inverted) + " dropout (p = 0.2, seed 123)  " + (inverted
                    ? "[for Question 1] not the notebook's printout (its cell ran vanilla)"
                    : "[notebook] section 3's gradient-check cell"));
            String dx = PyFormat.repr(dropoutBackwardCheck(inverted));
            out.println("dx relative error:  " + (inverted ? dx : againstNotebook(dx, NOTEBOOK_DX_ERROR)));
        }
        out.println();
        out.println("# [notebook] section 3's two np.random cells");
        out.println(">>> np.random.seed(231); np.random.rand(2, 3)");
        out.println(arrayRepr(seededRand()));
        out.println(">>> p = 0.8; np.random.seed(231); (np.random.rand(2, 3) < p) / p");
        out.println(arrayRepr(seededInvertedMask(0.8)));
        out.println();
        NetCheck inverted75 = netsInverted.get(1);
        NetCheck vanilla75 = netsVanilla.get(1);
        out.println("Question 1: without inverted dropout (vanilla) the masks are the same (the zero fractions");
        out.println("are identical), but the train-time output is x * mask (its mean drops to about p * mean(x))");
        out.println("and test time must multiply by p to match it. For one dropout layer (sections 2-3) only");
        out.println("the means change, as the notebook answers; both dx checks pass. In a net (section 4) more");
        out.println("changes: the next layer sees activations p times smaller, so the scores, the initial loss");
        out.println(String.format(Locale.ROOT, "(dropout %s: %.6f inverted, %.6f vanilla) and every gradient differ; the",
                inverted75.dropout(), inverted75.initialLoss(), vanilla75.initialLoss()));
        out.println("gradient checks pass either way. With dropout 1 (no dropout) the two modes are identical.");
        out.println();

        out.println("== 4. Fully connected nets with dropout");
        for (boolean inverted : new boolean[] {true, false}) {
            out.println();
            out.println("-- " + flavour(inverted) + " dropout  " + (inverted
                    ? "[for Question 1] not the notebook's printout (its cell ran vanilla)"
                    : "[notebook] section 4's gradient-check cell"));
            List<NetCheck> nets = inverted ? netsInverted : netsVanilla;
            for (int k = 0; k < nets.size(); k++) {
                NetCheck c = nets.get(k);
                out.println("Running check with dropout =  " + c.dropout());
                String loss = PyFormat.repr(c.initialLoss());
                out.println("Initial loss:  " + (inverted ? loss : againstNotebook(loss, NOTEBOOK_LOSSES.get(k))));
                int i = 0;
                for (Map.Entry<String, Double> e : c.relErrors().entrySet()) {
                    String error = PyFormat.sci(e.getValue(), 2);
                    out.println(e.getKey() + " relative error: "
                            + (inverted ? error : againstNotebook(error, NOTEBOOK_ERRORS.get(k).get(i))));
                    i++;
                }
                out.println();
            }
        }
    }

    /** The value, and the notebook's when its printed digits differ (with why they may). */
    static String againstNotebook(String printed, String notebook) {
        return printed.equals(notebook) ? printed
                : printed + "   # notebook: " + notebook + " (a check's error comes from the loss's last digits, which depend on summation order)";
    }

    private static String flavour(boolean inverted) {
        return inverted ? "inverted" : "vanilla";
    }

    /**
     * Section 2: {@code np.random.seed(231); x = randn(500, 500) + 10}, then for p in 0.25, 0.4,
     * 0.7 a train-mode and a test-mode forward pass.
     */
    public static List<ForwardCheck> dropoutForwardCheck(boolean inverted) {
        NumpyRandom.seed(231);
        Tensor x = randn(500, 500);
        for (int i = 0; i < x.size(); i++) x.set(i, x.get(i) + 10);
        List<ForwardCheck> checks = new ArrayList<>();
        for (double p : new double[] {0.25, 0.4, 0.7}) {
            Tensor out = Layers.dropoutForward(x, DropoutParam.train(p).inverted(inverted)).out();
            Tensor outTest = Layers.dropoutForward(x, DropoutParam.test(p).inverted(inverted)).out();
            checks.add(new ForwardCheck(p, ArrayStats.mean(x), ArrayStats.mean(out), ArrayStats.mean(outTest),
                    ArrayStats.fractionZero(out), ArrayStats.fractionZero(outTest)));
        }
        return checks;
    }

    /**
     * Section 3: {@code np.random.seed(231); x = randn(10, 10) + 10; dout = randn(10, 10)};
     * dropout with p = 0.2 and seed 123; analytic dx against the numerical gradient.
     */
    public static double dropoutBackwardCheck(boolean inverted) {
        NumpyRandom.seed(231);
        Tensor x = randn(10, 10);
        for (int i = 0; i < x.size(); i++) x.set(i, x.get(i) + 10);
        Tensor dout = randn(10, 10);
        DropoutParam param = DropoutParam.train(0.2).seed(123).inverted(inverted);
        Forward<DropoutCache> f = Layers.dropoutForward(x, param);
        Tensor dx = Layers.dropoutBackward(dout, f.cache());
        Tensor dxNum = GradientCheck.evalNumericalGradientArray(xx -> Layers.dropoutForward(xx, param).out(), x, dout);
        return GradientCheck.relError(dx, dxNum);
    }

    /** {@code np.random.seed(231); np.random.rand(2, 3)}. */
    public static Tensor seededRand() {
        NumpyRandom.seed(231);
        return Tensor.of(NumpyRandom.global().rand(2, 3), 2, 3);
    }

    /** {@code np.random.seed(231); (np.random.rand(2, 3) < p) / p}. */
    public static Tensor seededInvertedMask(double p) {
        Tensor u = seededRand();
        Tensor mask = u.zerosLike();
        for (int i = 0; i < u.size(); i++) mask.set(i, (u.get(i) < p ? 1.0 : 0.0) / p);
        return mask;
    }

    /**
     * Section 4: {@code np.random.seed(231)}; X = randn(2, 15), y = randint(10, size=2); nets
     * [20, 30] with weight scale 5e-2, float64, seed 123 and dropout 1, 0.75, 0.5, built one after
     * another from the same global stream; loss and numerical gradient check of every parameter.
     */
    public static List<NetCheck> netGradientCheck(boolean inverted) {
        NumpyRandom.seed(231);
        int n = 2, d = 15, h1 = 20, h2 = 30, c = 10;
        Tensor x = randn(n, d);
        int[] y = new int[n];
        NumpyRandom.global().randint(0, c, y, 0, n);
        List<NetCheck> checks = new ArrayList<>();
        String[] labels = {"1", "0.75", "0.5"};
        double[] keeps = {1, 0.75, 0.5};
        for (int k = 0; k < keeps.length; k++) {
            FullyConnectedNet model = FullyConnectedNet.builder(h1, h2).inputDim(d).numClasses(c)
                    .weightScale(5e-2).dtype(DType.FLOAT64).dropout(keeps[k]).vanillaDropout(!inverted)
                    .seed(123).build();
            LossAndGrads lossAndGrads = model.loss(x, y);
            double loss = lossAndGrads.loss();
            Map<String, Tensor> grads = new LinkedHashMap<>();
            lossAndGrads.grads().forEach((name, g) -> grads.put(name, g.copy())); // model-owned buffers
            Map<String, Double> errors = new TreeMap<>();
            for (String name : new TreeMap<>(grads).keySet()) {
                Tensor num = GradientCheck.evalNumericalGradient(p -> model.loss(x, y).loss(), model.param(name));
                errors.put(name, GradientCheck.relError(num, grads.get(name)));
            }
            checks.add(new NetCheck(labels[k], loss, errors));
        }
        return checks;
    }

    private static Tensor randn(int rows, int cols) {
        return Tensor.of(NumpyRandom.global().randn(rows, cols), rows, cols);
    }

    /** numpy's array repr for a small 2-D float array (8 significant decimals at most, padded like numpy). */
    static String arrayRepr(Tensor t) {
        int rows = t.dim(0);
        int cols = t.dim(1);
        String[] cells = new String[t.size()];
        int maxFrac = 0;
        int maxInt = 0;
        for (int i = 0; i < cells.length; i++) {
            java.math.BigDecimal v = new java.math.BigDecimal(t.get(i)).setScale(8, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
            String s = v.scale() <= 0 ? v.setScale(0).toPlainString() + "." : v.toPlainString();
            cells[i] = s;
            int dot = s.indexOf('.');
            maxFrac = Math.max(maxFrac, s.length() - dot - 1);
            maxInt = Math.max(maxInt, dot);
        }
        StringBuilder sb = new StringBuilder("array([");
        for (int r = 0; r < rows; r++) {
            if (r > 0) sb.append(",\n       ");
            sb.append('[');
            for (int col = 0; col < cols; col++) {
                String s = cells[r * cols + col];
                int dot = s.indexOf('.');
                String padded = " ".repeat(maxInt - dot) + s + " ".repeat(maxFrac - (s.length() - dot - 1));
                sb.append(padded);
                if (col < cols - 1) sb.append(", ");
            }
            sb.append(']');
        }
        return sb.append("])").toString();
    }

    /** Runs the walkthrough on standard output. */
    public static void main(String[] args) {
        run(System.out);
    }
}

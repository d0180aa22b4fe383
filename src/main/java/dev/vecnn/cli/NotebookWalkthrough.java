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
import java.util.Map;
import java.util.TreeMap;

/**
 * The dropout notebook's sections 2-4, cell by cell, with the notebook's seeds, printing the
 * lines the notebook printed. Open this file next to the notebook: each method is one cell.
 *
 * <p>Dropout comes in two flavours and the notebook's first question asks what changes between
 * them, so the cells that depend on it run twice, labelled: <b>inverted</b> (train output
 * {@code x * mask / p}, test output {@code x}) and <b>vanilla</b> (train output
 * {@code x * mask}, test output {@code x * p}). The notebook's own gradient-check cells were
 * evidently run with vanilla dropout: its dx error 1.89e-11 and initial losses 2.30245... and
 * 2.30300... are the vanilla numbers. {@code p} is the KEEP probability throughout.
 */
public final class NotebookWalkthrough {
    private NotebookWalkthrough() {}

    /** One p of section 2: what the cell prints. */
    public record ForwardCheck(double p, double inputMean, double trainMean, double testMean,
                               double trainZeroFraction, double testZeroFraction) {}

    /** One net of section 4: the initial loss and each parameter's relative error, by sorted name. */
    public record NetCheck(String dropout, double initialLoss, Map<String, Double> relErrors) {}

    /** Prints sections 2, 3 and 4. */
    public static void run(PrintStream out) {
        out.println("== 2. Dropout forward pass");
        for (boolean inverted : new boolean[] {true, false}) {
            out.println();
            out.println("-- " + flavour(inverted) + " dropout");
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
            out.println("-- " + flavour(inverted) + " dropout (p = 0.2, seed 123)");
            out.println("dx relative error:  " + PyFormat.repr(dropoutBackwardCheck(inverted)));
        }
        out.println();
        out.println(">>> np.random.seed(231); np.random.rand(2, 3)");
        out.println(arrayRepr(seededRand()));
        out.println(">>> p = 0.8; np.random.seed(231); (np.random.rand(2, 3) < p) / p");
        out.println(arrayRepr(seededInvertedMask(0.8)));
        out.println();
        out.println("Question 1: without inverted dropout (vanilla), only the means change: train-time");
        out.println("output is x * mask (its mean drops to about p * mean(x)) and test time must multiply");
        out.println("by p to match it; the zero fractions are identical, and so is every gradient check");
        out.println("up to that constant scale. Compare the inverted and vanilla runs of sections 2-4.");
        out.println();

        out.println("== 4. Fully connected nets with dropout");
        for (boolean inverted : new boolean[] {true, false}) {
            out.println();
            out.println("-- " + flavour(inverted) + " dropout");
            for (NetCheck c : netGradientCheck(inverted)) {
                out.println("Running check with dropout =  " + c.dropout());
                out.println("Initial loss:  " + PyFormat.repr(c.initialLoss()));
                for (Map.Entry<String, Double> e : c.relErrors().entrySet()) {
                    out.println(e.getKey() + " relative error: " + PyFormat.sci(e.getValue(), 2));
                }
                out.println();
            }
        }
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

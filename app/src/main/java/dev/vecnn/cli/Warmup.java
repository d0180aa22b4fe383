package dev.vecnn.cli;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.optim.Optim;
import dev.vecnn.optim.OptimConfig;
import dev.vecnn.optim.UpdateRule;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.Tensor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warms the JVM up on a spare core while the data loads (reading CIFAR-10 from the .tar.gz keeps
 * one core busy inflating): draws a small figure (Java2D and its fonts start once, ~0.3 s) and
 * trains a throwaway net like the run's (hidden layers capped at 64 units, 16-row batches) on
 * random inputs, with and without dropout, so the kernels are compiled before the real nets
 * start. Its steps are small so that {@link #stop()} returns soon after it is called.
 *
 * <p>It changes nothing the run computes: its nets and inputs draw from their own NumpyRandom,
 * it runs its kernels on its own thread
 * ({@link Parallel#callSerially}), and owns its net, data and optimizer state. {@link #stop()}
 * asks it to finish its current step and waits for it. {@code -Dvecnn.warmup=false} turns it off
 * (for measuring what it is worth).
 */
final class Warmup {
    /** Widest hidden layer of the throwaway net. */
    private static final int MAX_HIDDEN = 64;
    /** Rows per warm-up batch. */
    static final int ROWS = 16;

    private final Thread thread;
    private volatile boolean stopRequested;
    private volatile int steps;

    private Warmup(TrainSpec spec, int inputDim, int rows) {
        thread = new Thread(() -> run(spec, inputDim, rows), "vecnn-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts warming up for nets like {@code spec} on {@code rows}-row batches of {@code inputDim} features. */
    static Warmup start(TrainSpec spec, int inputDim, int rows) {
        Warmup w = new Warmup(spec, inputDim, rows);
        w.thread.start();
        return w;
    }

    /** Training steps done so far. */
    int steps() {
        return steps;
    }

    /** Stops after the current step; returns the number of training steps done. */
    int stop() throws InterruptedException {
        stopRequested = true;
        thread.join();
        return steps;
    }

    private void run(TrainSpec spec, int inputDim, int rows) {
        try {
            drawFigure();
        } catch (Exception | LinkageError | java.awt.AWTError e) {
            // no fonts or no Java2D: the plots will say so themselves
        }
        try {
            Parallel.callSerially(() -> {
                train(spec, inputDim, rows, new NumpyRandom(0));
                return null;
            });
        } catch (Exception e) {
            // a warm-up that cannot run only means a slower start
        }
    }

    private static void drawFigure() throws java.io.IOException {
        Plot.Panel panel = new Plot.Panel("warm-up", "x", "y");
        panel.add(Plot.Series.indexed("warm-up", new double[] {0.1, 0.3, 0.2}, true, true));
        BufferedImage img = Plot.render(List.of(panel), 200, 120);
        javax.imageio.ImageIO.write(img, "png", new ByteArrayOutputStream());
    }

    private void train(TrainSpec spec, int inputDim, int rows, NumpyRandom rng) {
        double[] keeps = {1.0, spec.keepProb < 1 ? spec.keepProb : 0.5};
        FullyConnectedNet[] nets = new FullyConnectedNet[keeps.length];
        List<Map<String, OptimConfig>> configs = new java.util.ArrayList<>();
        for (int i = 0; i < keeps.length; i++) {
            TrainSpec s = spec.copy();
            s.keepProb = keeps[i];
            // narrower hidden layers: the same code paths (and JIT thresholds) at a fraction of
            // the work, so a step ends soon after stop() is called
            s.hiddenDims = spec.hiddenDims.clone();
            for (int h = 0; h < s.hiddenDims.length; h++) s.hiddenDims[h] = Math.min(s.hiddenDims[h], MAX_HIDDEN);
            nets[i] = s.buildNet(inputDim, 10, rng);
            configs.add(new HashMap<>());
        }
        Tensor x = Tensor.zeros(spec.dtype, rows, inputDim);
        for (int i = 0; i < x.size(); i++) x.set(i, rng.standardNormal() * 60);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) labels[i] = i % 10;
        UpdateRule rule = Optim.byName(spec.updateRule);
        List<Map<String, Tensor>> gradBuffers = new java.util.ArrayList<>();
        for (FullyConnectedNet net : nets) {
            Map<String, Tensor> g = new HashMap<>();
            net.params().forEach((name, t) -> g.put(name, t.zerosLike()));
            gradBuffers.add(g);
        }
        for (int step = 0; !stopRequested; step++) {
            FullyConnectedNet net = nets[step % nets.length];
            Map<String, OptimConfig> netConfigs = configs.get(step % nets.length);
            Map<String, Tensor> grads = gradBuffers.get(step % nets.length);
            net.lossInto(x, labels, grads);
            for (Map.Entry<String, Tensor> p : net.params().entrySet()) {
                OptimConfig c = netConfigs.computeIfAbsent(p.getKey(),
                        k -> OptimConfig.of(Map.of("learning_rate", spec.learningRate)));
                rule.update(p.getValue(), grads.get(p.getKey()), c);
            }
            net.loss(x); // the accuracy checks' test-mode path
            steps++;
        }
    }
}

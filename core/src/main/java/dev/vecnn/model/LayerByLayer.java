package dev.vecnn.model;

import dev.vecnn.layers.AffineCache;
import dev.vecnn.layers.AffineGrads;
import dev.vecnn.layers.AffineNormReluCache;
import dev.vecnn.layers.AffineNormReluGrads;
import dev.vecnn.layers.DropoutCache;
import dev.vecnn.layers.DropoutParam;
import dev.vecnn.layers.Forward;
import dev.vecnn.layers.LayerUtils;
import dev.vecnn.layers.Layers;
import dev.vecnn.layers.Loss;
import dev.vecnn.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FullyConnectedNet}'s loss written layer by layer with the assignment's layer
 * functions, as fc_net.py's {@code loss} does: the readable reference. It allocates every
 * intermediate and cache, as numpy does; the net itself runs the same operations on its engine
 * ({@link NetPlan}), and tests hold the two equal bit for bit for every configuration. It draws
 * the same random numbers in the same order from the net's stream, and updates the same
 * batchnorm running statistics and counter-mask step, so a call here stands in for a call to
 * the net.
 */
public final class LayerByLayer {
    private LayerByLayer() {}

    /** Test-mode scores (N, C): {@code scores = model.loss(X)}. */
    public static Tensor scores(FullyConnectedNet net, Tensor x) {
        x = net.checkInput(x);
        net.setMode(DropoutParam.Mode.TEST);
        Tensor h = x;
        int last = net.numLayers() - 1;
        for (int i = 0; i < last; i++) {
            h = LayerUtils.affineNormReluForward(h, param(net, net.wName(i)), param(net, net.bName(i)),
                    param(net, net.gammaName(i)), param(net, net.betaName(i)), net.normalization(), norm(net, i)).out();
            if (net.usesDropout()) h = Layers.dropoutForward(h, net.dropoutParam()).out();
        }
        return Layers.affineForward(h, param(net, net.wName(last)), param(net, net.bName(last))).out();
    }

    /** Train-mode loss and gradients: {@code loss, grads = model.loss(X, y)}. */
    public static LossAndGrads loss(FullyConnectedNet net, Tensor x, int[] y) {
        x = net.checkInput(x);
        net.setMode(DropoutParam.Mode.TRAIN);
        boolean counter = net.usesDropout() && net.maskSource() == MaskSource.COUNTER;
        long step = counter ? net.nextMaskStep() : 0;
        int last = net.numLayers() - 1;

        // forward: {affine - [norm] - relu - [dropout]} x (L - 1), caches kept
        List<AffineNormReluCache> hiddenCaches = new ArrayList<>();
        List<DropoutCache> dropoutCaches = new ArrayList<>();
        Tensor h = x;
        for (int i = 0; i < last; i++) {
            Forward<AffineNormReluCache> f = LayerUtils.affineNormReluForward(h, param(net, net.wName(i)),
                    param(net, net.bName(i)), param(net, net.gammaName(i)), param(net, net.betaName(i)),
                    net.normalization(), norm(net, i));
            hiddenCaches.add(f.cache());
            h = f.out();
            if (net.usesDropout()) {
                Forward<DropoutCache> d = counter
                        ? Layers.dropoutForward(h, net.dropoutParam(), net.counterKeepMask(i, step, h.dim(0), h.dim(1)))
                        : Layers.dropoutForward(h, net.dropoutParam());
                dropoutCaches.add(d.cache());
                h = d.out();
            }
        }
        Forward<AffineCache> out = Layers.affineForward(h, param(net, net.wName(last)), param(net, net.bName(last)));
        Loss data = Layers.softmaxLoss(out.out(), y);
        double loss = data.loss() + net.regLoss();

        // backward, each weight gradient plus reg * W
        Map<String, Tensor> found = new LinkedHashMap<>();
        AffineGrads g = Layers.affineBackward(data.dx(), out.cache());
        FullyConnectedNet.addReg(g.dw(), param(net, net.wName(last)), net.reg());
        found.put(net.wName(last), g.dw());
        found.put(net.bName(last), g.db());
        Tensor dh = g.dx();
        for (int i = last - 1; i >= 0; i--) {
            if (net.usesDropout()) dh = Layers.dropoutBackward(dh, dropoutCaches.get(i));
            AffineNormReluGrads hg = LayerUtils.affineNormReluBackward(dh, hiddenCaches.get(i));
            FullyConnectedNet.addReg(hg.dw(), param(net, net.wName(i)), net.reg());
            found.put(net.wName(i), hg.dw());
            found.put(net.bName(i), hg.db());
            if (hg.dgamma() != null) {
                found.put(net.gammaName(i), hg.dgamma());
                found.put(net.betaName(i), hg.dbeta());
            }
            dh = hg.dx();
        }
        Map<String, Tensor> grads = new LinkedHashMap<>(); // in the parameters' order
        for (String name : net.params().keySet()) grads.put(name, found.get(name));
        return new LossAndGrads(loss, grads);
    }

    private static Tensor param(FullyConnectedNet net, String name) {
        return net.params().get(name);
    }

    private static dev.vecnn.layers.BatchnormParam norm(FullyConnectedNet net, int layer) {
        return net.bnParams().isEmpty() ? null : net.bnParams().get(layer);
    }
}

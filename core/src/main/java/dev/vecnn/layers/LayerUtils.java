package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** The assignment's {@code layer_utils.py}: "sandwich" layers built from {@link Layers}. */
public final class LayerUtils {
    private LayerUtils() {}

    /** affine then relu. */
    public static Forward<AffineReluCache> affineReluForward(Tensor x, Tensor w, Tensor b) {
        Forward<AffineCache> fc = Layers.affineForward(x, w, b);
        Forward<Tensor> relu = Layers.reluForward(fc.out());
        return new Forward<>(relu.out(), new AffineReluCache(fc.cache(), relu.cache()));
    }

    /** Backward of {@link #affineReluForward}. */
    public static AffineGrads affineReluBackward(Tensor dout, AffineReluCache cache) {
        Tensor da = Layers.reluBackward(dout, cache.relu());
        return Layers.affineBackward(da, cache.fc());
    }

    /**
     * affine, then batchnorm or layernorm (or nothing), then relu. {@code bnParam} is used for
     * batchnorm (its mode) and for layernorm's eps; it may be null for {@code NONE}.
     */
    public static Forward<AffineNormReluCache> affineNormReluForward(Tensor x, Tensor w, Tensor b,
            Tensor gamma, Tensor beta, Normalization normalization, BatchnormParam bnParam) {
        Forward<AffineCache> fc = Layers.affineForward(x, w, b);
        Tensor a = fc.out();
        NormCache normCache = null;
        if (normalization == Normalization.BATCHNORM) {
            Forward<NormCache> bn = Layers.batchnormForward(a, gamma, beta, bnParam);
            a = bn.out();
            normCache = bn.cache();
        } else if (normalization == Normalization.LAYERNORM) {
            Forward<NormCache> ln = Layers.layernormForward(a, gamma, beta, bnParam == null ? 1e-5 : bnParam.eps());
            a = ln.out();
            normCache = ln.cache();
        }
        Forward<Tensor> relu = Layers.reluForward(a);
        return new Forward<>(relu.out(), new AffineNormReluCache(fc.cache(), normalization, normCache, relu.cache()));
    }

    /** Backward of {@link #affineNormReluForward}. */
    public static AffineNormReluGrads affineNormReluBackward(Tensor dout, AffineNormReluCache cache) {
        Tensor da = Layers.reluBackward(dout, cache.relu());
        Tensor dgamma = null;
        Tensor dbeta = null;
        if (cache.normalization() != Normalization.NONE) {
            NormGrads ng = cache.normalization() == Normalization.BATCHNORM
                    ? Layers.batchnormBackward(da, cache.norm())
                    : Layers.layernormBackward(da, cache.norm());
            da = ng.dx();
            dgamma = ng.dgamma();
            dbeta = ng.dbeta();
        }
        AffineGrads g = Layers.affineBackward(da, cache.fc());
        return new AffineNormReluGrads(g.dx(), g.dw(), g.db(), dgamma, dbeta);
    }
}

package dev.vecnn.model;

import dev.vecnn.layers.DropoutParam;

/**
 * How a net's hidden layers drop units: the (live) dropout param — keep probability p, inverted
 * or vanilla, optional seed, the stream numpy-style masks are drawn from — where training masks
 * come from, and the counter-mask key.
 */
record DropoutSpec(DropoutParam param, MaskSource source, long key) {
    /** Test-time factor of a hidden activation: p for vanilla dropout, 1 for inverted. */
    double testScale() {
        return param.isInverted() ? 1.0 : param.p();
    }

    /** Train-time factor of a kept unit: 1/p for inverted dropout, 1 for vanilla. */
    double trainScale() {
        return param.isInverted() ? 1.0 / param.p() : 1.0;
    }
}

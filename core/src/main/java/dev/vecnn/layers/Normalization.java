package dev.vecnn.layers;

/** The net's {@code normalization} option: None, 'batchnorm' or 'layernorm'. */
public enum Normalization {
    NONE, BATCHNORM, LAYERNORM;

    /** Parses "none" (or null), "batchnorm", "layernorm". */
    public static Normalization parse(String s) {
        if (s == null) return NONE;
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "none": case "": return NONE;
            case "batchnorm": return BATCHNORM;
            case "layernorm": return LAYERNORM;
            default:
                throw new IllegalArgumentException("normalization must be none, batchnorm or layernorm, got '" + s + "'");
        }
    }
}

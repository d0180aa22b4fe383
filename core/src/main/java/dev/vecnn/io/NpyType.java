package dev.vecnn.io;

/** The numpy dtypes {@link Npy} reads and writes, with the {@code descr} string numpy puts in a header. */
public enum NpyType {
    FLOAT32("<f4", 4),
    FLOAT64("<f8", 8),
    INT32("<i4", 4),
    INT64("<i8", 8),
    UINT8("|u1", 1),
    BOOL("|b1", 1);

    private final String descr;
    private final int itemSize;

    NpyType(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** numpy's {@code dtype.str}, e.g. {@code "<f4"}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** The type for a header's {@code descr}, or {@code null}. One-byte types accept any byte-order mark. */
    static NpyType ofDescr(String descr) {
        for (NpyType t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
        }
        if (descr.length() == 3 && (descr.charAt(0) == '<' || descr.charAt(0) == '>' || descr.charAt(0) == '='
                || descr.charAt(0) == '|')) {
            String rest = descr.substring(1);
            if (rest.equals("u1")) {
                return UINT8;
            }
            if (rest.equals("b1")) {
                return BOOL;
            }
        }
        return null;
    }
}

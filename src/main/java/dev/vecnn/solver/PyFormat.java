package dev.vecnn.solver;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Python's {@code '%f' % x}: six decimals of the exact binary value, rounded half-even; nan, inf. */
public final class PyFormat {
    private PyFormat() {}

    /** {@code '%f' % x}. */
    public static String f(double x) {
        return fixed(x, 6);
    }

    /** {@code '%.{digits}f' % x}. */
    public static String fixed(double x, int digits) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        String s = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        if (negative && !s.startsWith("-")) s = "-" + s;
        return s;
    }
}

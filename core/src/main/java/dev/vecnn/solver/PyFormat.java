package dev.vecnn.solver;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's number formatting, exactly: {@code '%f'} (six decimals of the exact binary value,
 * rounded half-even), {@code '%.2e'} and {@code repr}. Java's Formatter rounds half-up and
 * Double.toString spells exponents differently, so neither prints what Python prints.
 */
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

    /** Python's {@code repr(x)} of a float: the shortest string that reads back as x. */
    public static String repr(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return 1 / x < 0 ? "-0.0" : "0.0";
        BigDecimal shortest = null;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal d = new BigDecimal(x).round(new java.math.MathContext(digits, RoundingMode.HALF_EVEN));
            if (d.doubleValue() == x) {
                shortest = d;
                break;
            }
        }
        BigDecimal d = shortest.stripTrailingZeros();
        String unscaled = d.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - d.scale(); // decimal exponent of the first digit
        String sign = x < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = d.abs().toPlainString();
            if (!plain.contains(".")) plain = plain + ".0";
            return sign + plain;
        }
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    /** Python's {@code '%.{digits}e' % x}, e.g. {@code 1.48e-07}. */
    public static String sci(double x, int digits) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        String sign = (x < 0 || (x == 0 && 1 / x < 0)) ? "-" : "";
        if (x == 0) {
            return sign + "0" + (digits > 0 ? "." + "0".repeat(digits) : "") + "e+00";
        }
        BigDecimal d = new BigDecimal(Math.abs(x)).round(new java.math.MathContext(digits + 1, RoundingMode.HALF_EVEN));
        String unscaled = d.unscaledValue().toString();
        while (unscaled.length() < digits + 1) unscaled = unscaled + "0";
        unscaled = unscaled.substring(0, digits + 1);
        int exponent = d.precision() - 1 - d.scale();
        String mantissa = digits == 0 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}

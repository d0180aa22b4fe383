package dev.vecnn.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The values one hyperparameter may take in a sweep, written as on the command line:
 * a list {@code a,b,c} (grid search walks it, random search picks from it), a uniform range
 * {@code lo..hi}, or a log-uniform range {@code lo..hi:log} ({@code 10 ** uniform(log10 lo, log10 hi)},
 * as the CS231n tuning cells draw learning rates). Values are kept as text for lists (hidden sizes
 * and normalization names are lists of words) and as numbers for ranges.
 */
public final class Dimension implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the values are given. */
    public enum Kind { LIST, UNIFORM, LOG_UNIFORM }

    private final String name;
    private final String text;
    private final Kind kind;
    private final List<String> choices;
    private final double low;
    private final double high;

    private Dimension(String name, String text, Kind kind, List<String> choices, double low, double high) {
        this.name = name;
        this.text = text;
        this.kind = kind;
        this.choices = choices;
        this.low = low;
        this.high = high;
    }

    /**
     * Parses {@code text} for the parameter {@code name}; {@code numeric} says whether ranges are
     * allowed (false for hidden sizes and normalization). Throws {@link SearchSpaceException}.
     */
    static Dimension parse(String name, String text, boolean numeric) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new SearchSpaceException(name + ": expected a list (a,b,c) or a range (lo..hi or lo..hi:log), got an empty value");
        }
        int dots = t.indexOf("..");
        if (dots >= 0) {
            if (!numeric) {
                throw new SearchSpaceException(name + ": expected a list of values (a,b,c), got the range '" + t + "'");
            }
            boolean log = false;
            String body = t;
            int colon = t.indexOf(':');
            if (colon >= 0) {
                String scale = t.substring(colon + 1).trim();
                if (!scale.equals("log")) {
                    throw new SearchSpaceException(name + ": expected ':log' after a range, got ':" + scale + "' in '" + t + "'");
                }
                log = true;
                body = t.substring(0, colon);
            }
            int d = body.indexOf("..");
            double lo = number(name, body.substring(0, d), t);
            double hi = number(name, body.substring(d + 2), t);
            if (!(lo < hi)) {
                throw new SearchSpaceException(name + ": expected a range lo..hi with lo < hi, got '" + t + "'");
            }
            if (log && !(lo > 0)) {
                throw new SearchSpaceException(name + ": a log-uniform range needs lo > 0, got '" + t + "'");
            }
            return new Dimension(name, t, log ? Kind.LOG_UNIFORM : Kind.UNIFORM, List.of(), lo, hi);
        }
        List<String> values = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            String v = part.trim();
            if (v.isEmpty()) {
                throw new SearchSpaceException(name + ": expected a list of values a,b,c, got an empty item in '" + t + "'");
            }
            if (numeric) {
                number(name, v, t);
            }
            values.add(v);
        }
        return new Dimension(name, t, Kind.LIST, List.copyOf(values), 0, 0);
    }

    private static double number(String name, String s, String whole) {
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new SearchSpaceException(name + ": expected a number, got '" + s.trim() + "' in '" + whole + "'");
        }
        if (!Double.isFinite(v)) {
            throw new SearchSpaceException(name + ": expected a finite number, got '" + s.trim() + "' in '" + whole + "'");
        }
        return v;
    }

    public String name() { return name; }
    public String text() { return text; }
    public Kind kind() { return kind; }
    public boolean isList() { return kind == Kind.LIST; }
    /** Number of list values (1 for ranges: they do not multiply a grid). */
    public int size() { return isList() ? choices.size() : 1; }
    public List<String> choices() { return choices; }

    /** The list value at {@code index} (grid search). */
    String choice(int index) {
        return choices.get(index);
    }

    /** The value for a uniform draw {@code u} in [0, 1): a list item, or a point of the range. */
    String sample(double u) {
        switch (kind) {
            case LIST:
                return choices.get(Math.min(choices.size() - 1, (int) (u * choices.size())));
            case UNIFORM:
                return Double.toString(low + (high - low) * u);
            default:
                double e = Math.log10(low) + (Math.log10(high) - Math.log10(low)) * u;
                return Double.toString(Math.pow(10, e));
        }
    }

    @Override
    public String toString() {
        return name + "=" + text;
    }

    static String lower(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}

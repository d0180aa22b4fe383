package dev.vecnn.cli;

import dev.vecnn.train.SettingException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small command-line flag parser: declare the options of a subcommand, parse
 * {@code --name value}, {@code --name=value} and boolean {@code --name}, print a help page.
 * Every mistake becomes one line that names the flag, what was expected and what was given: a
 * {@link UsageException} (unknown flag, missing value, a number that is not one), or for a value
 * out of range its parent {@link SettingException}, whose range messages the values' own rules
 * ({@code TrainSpec}) share. The one parser of every command, {@code sweep}'s too.
 */
final class Flags {

    /** One flag; valueName is null for a boolean switch; section is the heading it is listed under (null: none). */
    private record Option(String name, String valueName, String help, String defaultValue, String section) {}

    private final String command;
    private final String summary;
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private boolean helpRequested;
    private boolean lastWins;
    /** The heading of the options declared from now on (null: the help page's one "options:" list). */
    private String section;
    /** Text printed after the options (null: none). */
    private String footer;
    /** The name of the operands (e.g. "IMAGE"), or null when the command takes none. */
    private String operandName;
    private final List<String> operands = new ArrayList<>();

    Flags(String command, String summary) {
        this.command = command;
        this.summary = summary;
    }

    /** Declares {@code --name VALUE} with a default (null: no default, optional). */
    Flags option(String name, String valueName, String defaultValue, String help) {
        options.put(name, new Option(name, valueName, help, defaultValue, section));
        return this;
    }

    /** Declares a boolean switch {@code --name}. */
    Flags flag(String name, String help) {
        options.put(name, new Option(name, null, help, null, section));
        return this;
    }

    /** Lists the options declared after this call under {@code heading} on the help page. */
    Flags section(String heading) {
        section = heading;
        return this;
    }

    /** Text the help page ends with, after the options. */
    Flags footer(String text) {
        footer = text;
        return this;
    }

    /**
     * Lets a later occurrence of a flag replace an earlier one (for argument lists vecnn builds,
     * e.g. a checkpoint's options followed by the ones given now); a person's command line may
     * give each flag only once.
     */
    Flags lastWins() {
        lastWins = true;
        return this;
    }

    /**
     * Lets the command take operands besides its options (e.g. image files): arguments that do
     * not start with "-", a lone "-", and everything after "--". {@code name} is their name in
     * the usage line.
     */
    Flags operands(String name) {
        operandName = name;
        return this;
    }

    /** The operands given, in order (see {@link #operands(String)}). */
    List<String> operands() {
        return java.util.Collections.unmodifiableList(operands);
    }

    /** Parses the arguments after the subcommand name. Returns this for chaining. */
    Flags parse(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                helpRequested = true;
                continue;
            }
            if (operandName != null && arg.equals("--")) {
                operands.addAll(java.util.Arrays.asList(args).subList(i + 1, args.length));
                break;
            }
            if (operandName != null && (arg.equals("-") || !arg.startsWith("-"))) {
                operands.add(arg);
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "' (options start with --; try: vecnn "
                        + command + " --help)");
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inlineValue = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option opt = options.get(name);
            if (opt == null) {
                String guess = closest(name, options.keySet());
                throw new UsageException("unknown option --" + name + (guess == null ? "" : ", did you mean --" + guess + "?")
                        + " (try: vecnn " + command + " --help)");
            }
            if (values.containsKey(name) && !lastWins) {
                throw new UsageException("option --" + name + " is given twice (" + (opt.valueName() == null ? "--" + name
                        : "'" + values.get(name) + "' and '" + (inlineValue != null ? inlineValue
                        : i + 1 < args.length ? args[i + 1] : "") + "'") + "); give it once");
            }
            if (opt.valueName() == null) {
                if (inlineValue != null) {
                    throw new UsageException("option --" + name + " takes no value, got '" + inlineValue + "'");
                }
                values.put(name, "true");
            } else if (inlineValue != null) {
                values.put(name, inlineValue);
            } else {
                if (i + 1 >= args.length) {
                    throw new UsageException("option --" + name + " needs a value (" + opt.valueName() + ")");
                }
                values.put(name, args[++i]);
            }
        }
        return this;
    }

    /**
     * The candidate nearest to {@code given} (a typo: at most 2 edits, or 1 for short words; or
     * a prefix of it), else null.
     */
    static String closest(String given, java.util.Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(given.toLowerCase(Locale.ROOT), c);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best != null && bestDistance <= (given.length() <= 4 ? 1 : 2)) {
            return best;
        }
        for (String c : candidates) {
            if (given.length() >= 3 && c.startsWith(given)) {
                return c;
            }
        }
        return null;
    }

    /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int sub = d[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The declared option names, in declaration order. */
    java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(options.keySet());
    }

    /** Whether the option is a boolean switch. */
    boolean isSwitch(String name) {
        return known(name).valueName() == null;
    }

    boolean helpRequested() {
        return helpRequested;
    }

    /** True when the option was given on the command line. */
    boolean given(String name) {
        return values.containsKey(known(name).name());
    }

    boolean isSet(String name) {
        return "true".equals(values.get(known(name).name()));
    }

    /** The value given, else the default (may be null when the option has no default). */
    String string(String name) {
        Option opt = known(name);
        String v = values.get(name);
        return v != null ? v : opt.defaultValue();
    }

    int integer(String name, int min, int max) {
        return (int) SettingException.requireIn("--" + name, integer(name), min, max);
    }

    /** An integer, range left to the value's own rule (e.g. {@code TrainSpec}'s). */
    int integer(String name) {
        String v = string(name);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new UsageException("--" + name + " expects an integer, got '" + v + "'");
        }
    }

    /** An optional integer: null when neither given nor defaulted. */
    Long optionalLong(String name) {
        String v = string(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects an integer, got '" + v + "'");
        }
    }

    double real(String name) {
        return parseReal(name, string(name));
    }

    /** A real number in the open/closed interval described by the arguments. */
    double real(String name, double min, boolean minInclusive, double max, boolean maxInclusive) {
        return checkRange(name, real(name), min, minInclusive, max, maxInclusive);
    }

    /** A comma-separated list of integers, each at least {@code min}; may be empty when "". */
    int[] integers(String name, int min) {
        String v = string(name);
        List<String> parts = split(name, v);
        int[] out = new int[parts.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = Integer.parseInt(parts.get(i));
            } catch (NumberFormatException e) {
                if (parts.get(i).matches("[+-]?\\d+")) { // an integer, but not an int
                    throw new UsageException("--" + name + " values must be in [" + min + ", " + Integer.MAX_VALUE + "], got "
                            + parts.get(i));
                }
                throw new UsageException("--" + name + " expects comma-separated integers, got '" + v + "'");
            }
            if (out[i] < min) {
                throw new UsageException("--" + name + " values must be >= " + min + ", got " + out[i]);
            }
        }
        return out;
    }

    /** A comma-separated list of finite reals; at least one value. */
    double[] reals(String name) {
        return reals(name, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);
    }

    /** A comma-separated list of reals in the given range; at least one value. */
    double[] reals(String name, double min, boolean minInclusive, double max, boolean maxInclusive) {
        String v = string(name);
        List<String> parts = split(name, v);
        if (parts.isEmpty()) {
            throw new UsageException("--" + name + " expects at least one number, got '" + v + "'");
        }
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = checkRange(name, parseReal(name, parts.get(i)), min, minInclusive, max, maxInclusive);
        }
        return out;
    }

    /** One of the listed words (case-insensitive); returned in lower case. */
    String choice(String name, String... allowed) {
        String v = string(name);
        String lower = v == null ? null : v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw new UsageException("--" + name + " must be one of " + String.join(", ", allowed) + "; got '" + v + "'");
    }

    /**
     * The help page: usage line, summary, options with defaults (under their section headings,
     * if any), the footer.
     */
    String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: vecnn ").append(command).append(" [options]")
                .append(operandName == null ? "" : " " + operandName + "...").append("\n\n").append(summary).append("\n");
        List<String[]> rows = new ArrayList<>(); // {left, right}, or {heading} before a section's options
        String heading = null;
        for (Option o : options.values()) {
            if (rows.isEmpty() || !java.util.Objects.equals(o.section(), heading)) {
                heading = o.section();
                rows.add(new String[] {heading == null ? "options:" : heading});
            }
            String left = "  --" + o.name() + (o.valueName() == null ? "" : " " + o.valueName());
            String right = o.help() + (o.defaultValue() == null || o.defaultValue().isEmpty() ? "" : " (default: " + o.defaultValue() + ")");
            rows.add(new String[] {left, right});
        }
        rows.add(new String[] {"  -h, --help", "this page"});
        int width = 0;
        for (String[] r : rows) {
            width = r.length == 2 ? Math.max(width, r[0].length()) : width;
        }
        for (String[] r : rows) {
            sb.append(r.length == 1 ? "\n" + r[0] + "\n" : String.format(Locale.ROOT, "%-" + (width + 2) + "s%s%n", r[0], r[1]));
        }
        if (footer != null) {
            sb.append("\n").append(footer).append("\n");
        }
        return sb.toString();
    }

    private Option known(String name) {
        Option o = options.get(name);
        if (o == null) {
            throw new IllegalStateException("option --" + name + " was never declared for " + command);
        }
        return o;
    }

    private static List<String> split(String name, String v) {
        List<String> parts = new ArrayList<>();
        if (v == null) {
            return parts;
        }
        if (v.isBlank()) {
            return parts;
        }
        for (String p : v.split(",", -1)) {
            String t = p.trim();
            if (t.isEmpty()) {
                throw new UsageException("--" + name + " has an empty item in '" + v + "' (two commas, or one at an end)");
            }
            parts.add(t);
        }
        return parts;
    }

    private static double parseReal(String name, String v) {
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new UsageException("--" + name + " expects a number, got '" + v + "'");
        }
        if (!Double.isFinite(d)) {
            throw new UsageException("--" + name + " expects a finite number, got '" + v + "'");
        }
        return d;
    }

    /** The one form of range message, {@link SettingException#requireIn}'s. */
    private static double checkRange(String name, double d, double min, boolean minInc, double max, boolean maxInc) {
        return SettingException.requireIn("--" + name, d, min, minInc, max, maxInc);
    }
}

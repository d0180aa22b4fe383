package dev.vecnn.sweep;

import dev.vecnn.layers.Normalization;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.train.SettingException;
import dev.vecnn.train.TrainSpec;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep searches: one {@link Dimension} per hyperparameter (learning rate, weight scale,
 * reg, keep probability, hidden sizes, normalization) and the search kind. Grid search walks the
 * product of the lists (the last parameter fastest, as itertools.product); random search draws
 * every parameter for every trial, ranges uniformly or log-uniformly, lists by picking an item.
 *
 * <p>Trial {@code i} is a pure function of (sweep seed, i) ({@link #trial}): its values and its
 * training seed come from streams seeded by a hash of the two, so any subset of trials, in any
 * order, on any number of machines, gives the same trials.
 */
public final class SearchSpace implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The parameters, in the order their values are drawn, with their defaults. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lr", "1e-4..1e-2:log");
        m.put("weight-scale", "1e-3..1e-1:log");
        m.put("reg", "0");
        m.put("keep-p", "1");
        m.put("hidden", "100");
        m.put("norm", "none");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Grid or random search. */
    public enum Kind { GRID, RANDOM }

    private final List<Dimension> dims;
    private final Kind kind;

    private SearchSpace(List<Dimension> dims, Kind kind) {
        this.dims = dims;
        this.kind = kind;
    }

    /**
     * The space given by {@code values} (parameter name to value text; missing ones take
     * {@link #DEFAULTS}) and {@code search} ("grid", "random", or null: grid when every
     * parameter is a list, random otherwise). Throws {@link SearchSpaceException} with one line.
     */
    public static SearchSpace of(Map<String, String> values, String search) {
        for (String k : values.keySet()) {
            if (!DEFAULTS.containsKey(k)) {
                throw new SearchSpaceException("unknown parameter '" + k + "': expected one of " + String.join(", ", DEFAULTS.keySet()));
            }
        }
        List<Dimension> dims = new ArrayList<>();
        for (String name : DEFAULTS.keySet()) {
            String text = values.getOrDefault(name, DEFAULTS.get(name));
            boolean numeric = !name.equals("hidden") && !name.equals("norm");
            Dimension d = Dimension.parse(name, text, numeric);
            check(d);
            dims.add(d);
        }
        boolean allLists = dims.stream().allMatch(Dimension::isList);
        Kind kind;
        if (search == null) {
            kind = allLists ? Kind.GRID : Kind.RANDOM;
        } else if (search.equals("grid")) {
            if (!allLists) {
                Dimension range = dims.stream().filter(d -> !d.isList()).findFirst().orElseThrow();
                throw new SearchSpaceException("--search grid needs a list for every parameter, got the range "
                        + range.name() + "=" + range.text() + " (use --search random, or list values a,b,c)");
            }
            kind = Kind.GRID;
        } else if (search.equals("random")) {
            kind = Kind.RANDOM;
        } else {
            throw new SearchSpaceException("--search: expected grid or random, got '" + search + "'");
        }
        return new SearchSpace(List.copyOf(dims), kind);
    }

    /**
     * Reads a space file: one {@code name: values} (or {@code name = values}) per line, {@code #}
     * starts a comment; "search" may be given there too. Returns name to text (search under "search").
     */
    public static Map<String, String> readFile(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SearchSpaceException("--space: no such file " + file);
        } catch (IOException e) {
            // a folder, a file we may not read, bytes that are not text: the flag and the path
            String why = Files.isDirectory(file) ? "it is a folder; name a file of 'name: values' lines"
                    : e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : String.valueOf(e.getMessage());
            throw new SearchSpaceException("--space " + file + ": cannot read it: " + why);
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            int hash = line.indexOf('#');
            String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.indexOf(':');
            int eq = t.indexOf('=');
            int sep = colon < 0 ? eq : eq < 0 ? colon : Math.min(colon, eq);
            if (sep <= 0) {
                throw new SearchSpaceException(file + " line " + (n + 1) + ": expected 'name: values', got '" + t + "'");
            }
            String name = t.substring(0, sep).trim().replace('_', '-');
            if (name.equals("learning-rate")) {
                name = "lr";
            }
            if (!DEFAULTS.containsKey(name) && !name.equals("search")) {
                throw new SearchSpaceException(file + " line " + (n + 1) + ": unknown parameter '" + name
                        + "': expected one of " + String.join(", ", DEFAULTS.keySet()) + ", search");
            }
            m.put(name, t.substring(sep + 1).trim());
        }
        return m;
    }

    /**
     * Checks every value a dimension can give (a list's items, a range's ends) by the one rule for
     * that value, {@link TrainSpec}'s: a spec is built with it.
     */
    private static void check(Dimension d) {
        List<String> values = d.isList() ? d.choices() : List.of(d.sample(0.0), d.sample(Math.nextDown(1.0)));
        for (String v : values) {
            try {
                set(TrainSpec.NOTEBOOK.toBuilder(), d.name(), v, d.text()).build();
            } catch (SearchSpaceException e) {
                throw e;
            } catch (SettingException e) {
                throw new SearchSpaceException(e.getMessage() + " in '" + d.text() + "'");
            }
        }
    }

    /** Sets parameter {@code name} to the value {@code v} (of the dimension's text {@code whole}). */
    private static TrainSpec.Builder set(TrainSpec.Builder b, String name, String v, String whole) {
        switch (name) {
            case "lr": return b.learningRate(Double.parseDouble(v));
            case "weight-scale": return b.weightScale(Double.parseDouble(v));
            case "reg": return b.reg(Double.parseDouble(v));
            case "keep-p": return b.keepProb(Double.parseDouble(v));
            case "hidden": return b.hiddenDims(hiddenDims(v, whole));
            default: return b.normalization(normalization(v, whole));
        }
    }

    static int[] hiddenDims(String v, String whole) {
        String[] parts = v.split("x", -1);
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                dims[i] = -1;
            }
            if (dims[i] < 1) {
                throw new SearchSpaceException("hidden: expected layer sizes like 100 or 100x50 (positive integers), got '"
                        + v + "' in '" + whole + "'");
            }
        }
        return dims;
    }

    static Normalization normalization(String v, String whole) {
        switch (Dimension.lower(v)) {
            case "none": return Normalization.NONE;
            case "batchnorm": return Normalization.BATCHNORM;
            case "layernorm": return Normalization.LAYERNORM;
            default:
                throw new SearchSpaceException("norm: expected none, batchnorm or layernorm, got '" + v + "' in '" + whole + "'");
        }
    }

    public Kind kind() { return kind; }
    public List<Dimension> dimensions() { return dims; }

    /** Number of grid points (the product of the list sizes); 1 for a space of single values. */
    public long gridSize() {
        long n = 1;
        for (Dimension d : dims) {
            n = Math.multiplyExact(n, d.size());
        }
        return n;
    }

    /**
     * Trial {@code index}: {@code base} with its drawn values, and its seed, a pure function of
     * ({@code sweepSeed}, {@code index}) and the space:
     * grid search takes grid point {@code index}; random search draws each parameter in the
     * order of {@link #DEFAULTS}, one uniform number each, from a stream seeded by the pair.
     * The training seed (in numpy's range [0, 2^32)) comes from a second hash of the pair.
     */
    public TrialConfig trial(TrainSpec base, long sweepSeed, int index) {
        if (index < 0 || (kind == Kind.GRID && index >= gridSize())) {
            throw new IllegalArgumentException("index must be in [0, " + (kind == Kind.GRID ? gridSize() : Integer.MAX_VALUE)
                    + "), got " + index);
        }
        String[] v = new String[dims.size()];
        if (kind == Kind.GRID) {
            long rest = index;
            for (int k = dims.size() - 1; k >= 0; k--) {
                Dimension d = dims.get(k);
                v[k] = d.choice((int) (rest % d.size()));
                rest /= d.size();
            }
        } else {
            NumpyRandom draws = new NumpyRandom(mix(sweepSeed, index, 0) & 0xFFFFFFFFL);
            for (int k = 0; k < dims.size(); k++) {
                v[k] = dims.get(k).sample(draws.randomSample());
            }
        }
        long seed = mix(sweepSeed, index, 1) & 0xFFFFFFFFL;
        TrainSpec.Builder b = base.toBuilder();
        for (int k = 0; k < dims.size(); k++) {
            set(b, dims.get(k).name(), v[k], v[k]);
        }
        return new TrialConfig(index, seed, b.build());
    }

    /** SplitMix64's finalizer over the sweep seed, the trial index and a stream number. */
    static long mix(long sweepSeed, int index, int stream) {
        long z = sweepSeed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The space as name to text plus the search kind, for sweep.json (what makes two sweeps the same). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("search", kind.name().toLowerCase(java.util.Locale.ROOT));
        for (Dimension d : dims) {
            m.put(d.name(), d.text());
        }
        return m;
    }
}

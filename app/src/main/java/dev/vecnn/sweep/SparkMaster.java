package dev.vecnn.sweep;

import java.util.regex.Pattern;

/**
 * Checks a {@code --master} value before Spark starts (Spark answers a bad one with an ERROR log
 * and a stack trace): the forms Spark 4 accepts, with local thread counts of at least 1.
 */
public final class SparkMaster {
    /** The accepted forms, for messages. */
    public static final String FORMS = "local, local[*], local[N], local[N,F] (N threads >= 1, F task attempts >= 1),"
            + " spark://HOST:PORT, yarn, k8s://URL";
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\])?");
    private static final Pattern CLUSTER = Pattern.compile("local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*\\]");
    private static final Pattern SPARK = Pattern.compile("spark://[^\\s/:,]+(:[0-9]+)?(,[^\\s/:,]+(:[0-9]+)?)*");
    private static final Pattern K8S = Pattern.compile("k8s://\\S+");

    private SparkMaster() {}

    /** Returns {@code master}, or throws a {@link SearchSpaceException} naming the flag and the accepted forms. */
    public static String check(String master) {
        String m = master.strip();
        if (LOCAL.matcher(m).matches() || CLUSTER.matcher(m).matches() || SPARK.matcher(m).matches()
                || m.equals("yarn") || K8S.matcher(m).matches()) {
            return m;
        }
        String hint = m.startsWith("local[0") ? " (a local master needs at least 1 thread)" : "";
        throw new SearchSpaceException("--master: expected " + FORMS + "; got '" + master + "'" + hint);
    }
}

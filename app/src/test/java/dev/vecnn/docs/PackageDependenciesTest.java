package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house drawn from imports: every package of core and app (hand-written and generated sources)
 * imports only what its row of the table "What may import what" in ARCHITECTURE.md lists (vecnn packages, and the JDK modules
 * beyond java.base), and the table has a row for every package. References by fully qualified
 * name count as imports; comments and string literals do not.
 */
class PackageDependenciesTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z.]+)`\\s*\\|([^|]*)\\|([^|]*)\\|$");
    private static final Pattern VECNN = Pattern.compile("\\bdev\\.vecnn\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");
    private static final Map<String, Pattern> JDK_MODULES = Map.of(
            "jdk.incubator.vector", Pattern.compile("\\bjdk\\.incubator\\.vector\\."),
            "java.desktop", Pattern.compile("\\b(java\\.awt|javax\\.imageio|javax\\.swing)\\."));

    /** One row of the table. */
    private record Rule(Set<String> packages, Set<String> jdkModules) {}

    @Test
    void everyPackageImportsOnlyWhatArchitectureMdAllows() throws IOException {
        Map<String, Set<String>> corePackages = packages("core");
        Map<String, Set<String>> appPackages = packages("app");
        Map<String, Rule> rules = rules(corePackages.keySet());
        Map<String, Set<String>> all = new TreeMap<>(corePackages);
        all.putAll(appPackages);
        assertThat(rules.keySet()).as("ARCHITECTURE.md has one row per package").isEqualTo(all.keySet());

        List<String> violations = new ArrayList<>();
        for (String module : List.of("core", "app")) {
            for (Path file : javaFiles(module)) {
                String pkg = packageOf(module, file);
                Rule rule = rules.get(pkg);
                String code = strip(Files.readString(file, StandardCharsets.UTF_8));
                Matcher m = VECNN.matcher(code);
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg) && !rule.packages().contains(target)) {
                        violations.add(file + ": " + pkg + " -> " + target);
                    }
                }
                for (Map.Entry<String, Pattern> jdk : JDK_MODULES.entrySet()) {
                    if (!rule.jdkModules().contains(jdk.getKey()) && jdk.getValue().matcher(code).find()) {
                        violations.add(file + ": " + pkg + " -> " + jdk.getKey());
                    }
                }
            }
        }
        assertThat(violations).as("imports ARCHITECTURE.md does not allow").isEmpty();
    }

    /**
     * Every arrow points down: a row of the table allows only packages of rows above it (core's
     * packages come before app's), so no two packages may import each other and nothing of the
     * training, sweep or plot code reaches up into the commands.
     */
    @Test
    void everyAllowedArrowPointsDownAndNothingBelowCliImportsIt() throws IOException {
        Map<String, Rule> rules = rules(packages("core").keySet());
        List<String> order = new ArrayList<>(rules.keySet()); // TreeMap: sorted, not the table's order
        order.sort(java.util.Comparator.comparingInt(PackageDependenciesTest::rowIndex));
        List<String> upward = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            for (String target : rules.get(order.get(i)).packages()) {
                if (order.indexOf(target) >= i) {
                    upward.add(order.get(i) + " -> " + target);
                }
            }
        }
        assertThat(upward).as("arrows to a package at or below the row's own").isEmpty();
        for (String lower : List.of("sweep", "train", "plot")) {
            assertThat(rules.get(lower).packages()).as(lower + " may not import the commands").doesNotContain("cli", "cli.bench");
        }
    }

    /** The line of {@code pkg}'s row in the table "What may import what". */
    private static int rowIndex(String pkg) {
        try {
            String text = Files.readString(RepoFiles.path("ARCHITECTURE.md"), StandardCharsets.UTF_8);
            String section = text.substring(text.indexOf("## What may import what"));
            return section.indexOf("\n| `" + pkg + "` |");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The table's rows: package -> allowed vecnn packages and JDK modules. */
    private static Map<String, Rule> rules(Set<String> corePackages) throws IOException {
        String text = Files.readString(RepoFiles.path("ARCHITECTURE.md"), StandardCharsets.UTF_8);
        String section = text.substring(text.indexOf("## What may import what"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Map<String, Rule> rules = new TreeMap<>();
        for (String line : section.split("\n")) {
            Matcher m = ROW.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Set<String> allowed = new TreeSet<>();
            if (m.group(2).contains("core's packages")) {
                allowed.addAll(corePackages);
            }
            allowed.addAll(quoted(m.group(2)));
            Set<String> jdk = new TreeSet<>();
            for (String module : JDK_MODULES.keySet()) {
                if (m.group(3).contains(module)) {
                    jdk.add(module);
                }
            }
            rules.put(m.group(1), new Rule(allowed, jdk));
        }
        return rules;
    }

    private static Set<String> quoted(String cell) {
        Set<String> names = new LinkedHashSet<>();
        Matcher q = Pattern.compile("`([a-z.]+)`").matcher(cell);
        while (q.find()) {
            names.add(q.group(1));
        }
        return names;
    }

    /** The packages of a module's main sources (package -> its files' names). */
    private static Map<String, Set<String>> packages(String module) throws IOException {
        Map<String, Set<String>> packages = new TreeMap<>();
        for (Path file : javaFiles(module)) {
            packages.computeIfAbsent(packageOf(module, file), p -> new TreeSet<>()).add(file.getFileName().toString());
        }
        return packages;
    }

    /** The main sources' folders: src/main/java and, in core, src/generated/java (the generated twins). */
    private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/generated/java");

    private static List<Path> javaFiles(String module) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String sourceRoot : SOURCE_ROOTS) {
            Path root = RepoFiles.path(module, sourceRoot + "/dev/vecnn");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(all::add);
            }
        }
        return all;
    }

    private static String packageOf(String module, Path file) {
        for (String sourceRoot : SOURCE_ROOTS) {
            Path root = RepoFiles.path(module, sourceRoot + "/dev/vecnn");
            if (file.startsWith(root)) {
                return root.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
            }
        }
        throw new IllegalArgumentException("not below a source folder of " + module + ": " + file);
    }

    /** The code without comments, string and character literals. */
    static String strip(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(' ');
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    @Test
    void theStripperDropsCommentsAndStrings() {
        assertThat(strip("a /* dev.vecnn.x.Y */ b // dev.vecnn.z.W\nc \"dev.vecnn.q.R\" 'x' d"))
                .isEqualTo("a  b \nc     d");
    }
}

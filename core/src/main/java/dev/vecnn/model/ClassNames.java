package dev.vecnn.model;

import dev.vecnn.io.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of a classifier's classes: label {@code i} is {@code names.get(i)} (for CIFAR-10 the
 * ten lines of {@code batches.meta.txt}: airplane, automobile, ...). The one place their rule is
 * checked: exactly one name per class, each non-empty, at most {@value #MAX_LENGTH} characters,
 * on one line (no control characters), no two alike. A model without names gets the labels as
 * names ({@link #defaults}: "0", "1", ...).
 *
 * <p>In a model file they are the optional array {@value #ARRAY}: the names as a JSON list of
 * strings, UTF-8, in a 1-d uint8 array ({@code json.loads(bytes(z['class_names']).decode())}
 * in numpy), beside {@code vecnn_model_json}. An array and not a JSON key, so that a vecnn that
 * knows nothing of names still reads the file (it ignores arrays it does not know).
 */
public final class ClassNames {
    /** Name of the array in a model file. */
    public static final String ARRAY = "class_names";
    /** The longest name accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    private ClassNames() {}

    /** "0", "1", ..., the names of a model that has none. */
    public static List<String> defaults(int numClasses) {
        List<String> names = new ArrayList<>(numClasses);
        for (int i = 0; i < numClasses; i++) {
            names.add(Integer.toString(i));
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * An unmodifiable copy of {@code names} after checking them for a model of {@code numClasses}
     * classes.
     *
     * @throws IllegalArgumentException naming {@code what}, the index and the rule broken
     */
    public static List<String> check(String what, List<String> names, int numClasses) {
        if (names == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (names.size() != numClasses) {
            throw new IllegalArgumentException(what + " must hold one name per class, numClasses = " + numClasses
                    + ", got " + names.size() + " names");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(what + " must be non-empty names, got "
                        + (name == null ? "null" : "\"" + name + "\"") + " at index " + i);
            }
            if (name.length() > MAX_LENGTH) {
                throw new IllegalArgumentException(what + " must be at most " + MAX_LENGTH + " characters long, got "
                        + name.length() + " at index " + i);
            }
            for (int c = 0; c < name.length(); c++) {
                if (Character.isISOControl(name.charAt(c))) {
                    throw new IllegalArgumentException(what + " must be names on one line, got a control character (U+"
                            + String.format("%04X", (int) name.charAt(c)) + ") in " + Json.write(name) + " at index " + i);
                }
            }
            Integer before = seen.put(name, i);
            if (before != null) {
                throw new IllegalArgumentException(what + " must be distinct, got \"" + name + "\" at index " + before
                        + " and at index " + i);
            }
        }
        return List.copyOf(names);
    }

    /** The file form: the names as a JSON list, UTF-8. */
    public static byte[] encode(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i > 0 ? "," : "").append(Json.write(names.get(i)).strip());
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The names in the file form {@link #encode} writes, checked for {@code numClasses} classes.
     *
     * @throws IllegalArgumentException if the bytes are not UTF-8, not a JSON list of strings, or
     *         the names break the rule of {@link #check}
     */
    public static List<String> decode(byte[] utf8Json, int numClasses) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8Json)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(ARRAY + " must be UTF-8 text (" + e.getMessage() + ")");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ARRAY + " must be a JSON list of strings: " + e.getMessage(), e);
        }
        if (!(parsed instanceof List)) {
            throw new IllegalArgumentException(ARRAY + " must be a JSON list of strings, got " + abbreviate(text));
        }
        List<String> names = new ArrayList<>();
        List<?> list = (List<?>) parsed;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String)) {
                throw new IllegalArgumentException(ARRAY + " must be a JSON list of strings, got " + list.get(i)
                        + " at index " + i);
            }
            names.add((String) list.get(i));
        }
        return check(ARRAY, names, numClasses);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}

package dev.vecnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedMapsListsAndArraysInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "experiment");
        m.put("keep_p", new double[] {1.0, 0.25});
        m.put("hidden", new int[] {500});
        m.put("ok", true);
        m.put("none", null);
        m.put("runs", List.of(Map.of("acc", 0.986)));
        m.put("empty", List.of());
        assertThat(Json.write(m)).isEqualTo("{\n"
                + "  \"name\": \"experiment\",\n"
                + "  \"keep_p\": [1, 0.25],\n"
                + "  \"hidden\": [500],\n"
                + "  \"ok\": true,\n"
                + "  \"none\": null,\n"
                + "  \"runs\": [\n"
                + "    {\n"
                + "      \"acc\": 0.986\n"
                + "    }\n"
                + "  ],\n"
                + "  \"empty\": []\n"
                + "}\n");
    }

    @Test
    void escapesStringsAndWritesNonFiniteNumbersAsNull() {
        assertThat(Json.write("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"\n");
        assertThat(Json.write(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1e-300, -0.0, 5e-4}))
                .isEqualTo("[null, null, 1.0E-300, -0, 5.0E-4]\n");
        assertThat(Json.write(123456789012L)).isEqualTo("123456789012\n");
    }

    @Test
    void refusesValuesJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }
}

package dev.vecnn.solver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected strings are what CPython 3 prints for the same doubles (checked with python3). */
class PyFormatTest {
    @Test
    void percentF() {
        assertThat(PyFormat.f(7.856643123)).isEqualTo("7.856643");
        assertThat(PyFormat.f(0.236)).isEqualTo("0.236000");
        assertThat(PyFormat.f(0.0000005)).isEqualTo("0.000000"); // 5e-7 is below half: exact binary value
        assertThat(PyFormat.f(0.1250005)).isEqualTo("0.125000"); // binary value is just below the half
        assertThat(PyFormat.f(2.5e-7)).isEqualTo("0.000000");
        assertThat(PyFormat.f(-1e-9)).isEqualTo("-0.000000");
        assertThat(PyFormat.f(Double.NaN)).isEqualTo("nan");
        assertThat(PyFormat.f(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PyFormat.f(1234567.0)).isEqualTo("1234567.000000");
    }

    @Test
    void repr() {
        assertThat(PyFormat.repr(10.000207878477502)).isEqualTo("10.000207878477502");
        assertThat(PyFormat.repr(0.30074)).isEqualTo("0.30074");
        assertThat(PyFormat.repr(0.0)).isEqualTo("0.0");
        assertThat(PyFormat.repr(1.892896954038074e-11)).isEqualTo("1.892896954038074e-11");
        assertThat(PyFormat.repr(1e16)).isEqualTo("1e+16");
        assertThat(PyFormat.repr(123.0)).isEqualTo("123.0");
        assertThat(PyFormat.repr(0.0001)).isEqualTo("0.0001");
        assertThat(PyFormat.repr(0.00001)).isEqualTo("1e-05");
        assertThat(PyFormat.repr(-2.5)).isEqualTo("-2.5");
        assertThat(PyFormat.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void sci() {
        assertThat(PyFormat.sci(1.4812e-07, 2)).isEqualTo("1.48e-07");
        assertThat(PyFormat.sci(2.2149e-05, 2)).isEqualTo("2.21e-05");
        assertThat(PyFormat.sci(9.999e-05, 2)).isEqualTo("1.00e-04");
        assertThat(PyFormat.sci(0.0, 2)).isEqualTo("0.00e+00");
        assertThat(PyFormat.sci(123456.0, 3)).isEqualTo("1.235e+05");
    }
}

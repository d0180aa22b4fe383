package dev.vecnn.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorTest {
    @Test
    void reshapeIsAViewOnTheSameArray() {
        Tensor t = Tensor.zeros(DType.FLOAT32, 2, 3, 4);
        Tensor v = t.reshape(2, -1);
        assertThat(v.shape()).containsExactly(2, 12);
        assertThat(v.floats()).isSameAs(t.floats());
        v.set(13, 7);
        assertThat(t.at(1, 0, 1)).isEqualTo(7.0);
        assertThat(t.flattenRows().shape()).containsExactly(2, 12);
        assertThat(t.rowLength()).isEqualTo(12);
    }

    @Test
    void badReshapeAndShapesAreRefused() {
        Tensor t = Tensor.zeros(DType.FLOAT64, 6);
        assertThatThrownBy(() -> t.reshape(4, -1)).hasMessageContaining("size 6");
        assertThatThrownBy(() -> t.reshape(-1, -1)).hasMessageContaining("only one axis");
        assertThatThrownBy(() -> Tensor.of(new double[5], 2, 3)).hasMessageContaining("= 6, got 5");
        assertThatThrownBy(() -> Tensor.zeros(DType.FLOAT64, 2, -3)).hasMessageContaining(">= 0");
        assertThatThrownBy(t::floats).isInstanceOf(IllegalStateException.class).hasMessageContaining("float64");
    }

    @Test
    void astypeRoundsToFloatAndCopies() {
        Tensor d = Tensor.fromDoubles(DType.FLOAT64, new double[] {0.1, 1e-50, 3}, 3);
        Tensor f = d.astype(DType.FLOAT32);
        assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f.get(0)).isEqualTo((double) 0.1f);
        assertThat(f.get(1)).isEqualTo(0.0);
        Tensor c = d.astype(DType.FLOAT64);
        c.set(2, 4);
        assertThat(d.get(2)).isEqualTo(3.0);
        assertThat(DType.parse("float32")).isEqualTo(DType.FLOAT32);
        assertThatThrownBy(() -> DType.parse("int8")).hasMessageContaining("int8");
    }

    @Test
    void copyFromChecksShapeAndDType() {
        Tensor a = Tensor.zeros(DType.FLOAT32, 2, 2);
        assertThatThrownBy(() -> a.copyFrom(Tensor.zeros(DType.FLOAT64, 2, 2))).hasMessageContaining("dtype must be float32");
        assertThatThrownBy(() -> a.copyFrom(Tensor.zeros(DType.FLOAT32, 4))).hasMessageContaining("[2, 2]");
    }
}

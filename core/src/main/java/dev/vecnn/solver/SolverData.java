package dev.vecnn.solver;

import dev.vecnn.tensor.Tensor;

import java.util.Arrays;

/** The Solver's {@code data} dict: X_train, y_train, X_val, y_val (labels one per row). */
public record SolverData(Tensor xTrain, int[] yTrain, Tensor xVal, int[] yVal) {
    public SolverData {
        check("X_train", xTrain, "y_train", yTrain);
        check("X_val", xVal, "y_val", yVal);
        if (!Arrays.equals(Arrays.copyOfRange(xTrain.shape(), 1, xTrain.rank()),
                Arrays.copyOfRange(xVal.shape(), 1, xVal.rank()))) {
            throw new IllegalArgumentException("X_val rows must have the shape of X_train rows "
                    + Arrays.toString(xTrain.shape()) + ", got " + Arrays.toString(xVal.shape()));
        }
    }

    private static void check(String xName, Tensor x, String yName, int[] y) {
        if (x == null) throw new IllegalArgumentException(xName + " must not be null");
        if (y == null) throw new IllegalArgumentException(yName + " must not be null");
        if (x.rank() < 2) throw new IllegalArgumentException(xName + " must have shape (N, ...), got " + Arrays.toString(x.shape()));
        if (x.rows() != y.length) {
            throw new IllegalArgumentException(yName + " must have one label per row of " + xName + " ("
                    + x.rows() + "), got " + y.length);
        }
        if (x.rows() == 0) throw new IllegalArgumentException(xName + " must have at least one row");
    }
}

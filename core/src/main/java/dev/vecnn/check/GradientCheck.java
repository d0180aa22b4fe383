package dev.vecnn.check;

import dev.vecnn.tensor.Tensor;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The assignment's {@code gradient_check.py} and the notebook's {@code rel_error}: centred
 * differences {@code (f(x + h) - f(x - h)) / 2h} with {@code h = 1e-5}, one element of x at a
 * time, x modified in place and restored (so f may read x through a model's parameters).
 */
public final class GradientCheck {
    /** The assignment's step. */
    public static final double H = 1e-5;

    private GradientCheck() {}

    /** {@code eval_numerical_gradient(f, x, verbose=False, h=1e-5)}: gradient of a scalar f at x. */
    public static Tensor evalNumericalGradient(ToDoubleFunction<Tensor> f, Tensor x) {
        return evalNumericalGradient(f, x, H);
    }

    /** As above with step h. */
    public static Tensor evalNumericalGradient(ToDoubleFunction<Tensor> f, Tensor x, double h) {
        f.applyAsDouble(x); // the assignment evaluates f(x) once first (it may draw random numbers)
        Tensor grad = x.zerosLike();
        for (int i = 0; i < x.size(); i++) {
            double old = x.get(i);
            x.set(i, old + h);
            double fxph = f.applyAsDouble(x);
            x.set(i, old - h);
            double fxmh = f.applyAsDouble(x);
            x.set(i, old);
            grad.set(i, (fxph - fxmh) / (2 * h));
        }
        return grad;
    }

    /**
     * {@code eval_numerical_gradient_array(f, x, df)}: the gradient of {@code sum(f(x) * df)},
     * i.e. the backward pass of an array function f for upstream gradient df.
     */
    public static Tensor evalNumericalGradientArray(Function<Tensor, Tensor> f, Tensor x, Tensor df) {
        return evalNumericalGradientArray(f, x, df, H);
    }

    /** As above with step h. */
    public static Tensor evalNumericalGradientArray(Function<Tensor, Tensor> f, Tensor x, Tensor df, double h) {
        Tensor grad = x.zerosLike();
        for (int i = 0; i < x.size(); i++) {
            double old = x.get(i);
            x.set(i, old + h);
            Tensor pos = f.apply(x).copy();
            x.set(i, old - h);
            Tensor neg = f.apply(x);
            x.set(i, old);
            pos.requireSameShape("df", df);
            double sum = 0;
            for (int k = 0; k < pos.size(); k++) {
                sum += (pos.get(k) - neg.get(k)) * df.get(k);
            }
            grad.set(i, sum / (2 * h));
        }
        return grad;
    }

    /** The notebook's {@code rel_error}: {@code max(|x - y| / max(1e-8, |x| + |y|))}. */
    public static double relError(Tensor x, Tensor y) {
        x.requireSameShape("rel_error: y", y);
        double max = 0;
        for (int i = 0; i < x.size(); i++) {
            double a = x.get(i);
            double b = y.get(i);
            double e = Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
            if (e > max || e != e) max = e;
        }
        return max;
    }

    /** rel_error of two scalars. */
    public static double relError(double x, double y) {
        return Math.abs(x - y) / Math.max(1e-8, Math.abs(x) + Math.abs(y));
    }
}

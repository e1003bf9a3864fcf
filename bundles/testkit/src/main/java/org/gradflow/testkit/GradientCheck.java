package org.gradflow.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;

/**
 * Finite-difference gradient checks in double precision. Each analytic derivative is compared with the
 * central difference {@code (L(x+h) - L(x-h)) / 2h}, using the relative error
 * {@code |a - n| / max(|a|, |n|, floor)}. The floor (1e-7) keeps tiny gradients, where rounding of the
 * difference dominates, from failing on noise. Central differences have error O(h^2 f'''), so with
 * h = 1e-5 a smooth function agrees to about 1e-8 relative; the default tolerance of 1e-6 leaves room
 * for rounding. Inputs must stay away from kinks (ReLU at 0), where finite differences are meaningless.
 *
 * <p>A failure names the variable, the element index, both values and the relative error.
 */
public final class GradientCheck {
    public static final double STEP = 1e-5;
    public static final double TOLERANCE = 1e-6;
    private static final double FLOOR = 1e-7;

    private GradientCheck() {
    }

    /** Relative error of an analytic value against a numeric one. */
    public static double relativeError(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / Math.max(FLOOR, Math.max(Math.abs(analytic), Math.abs(numeric)));
    }

    /** Checks {@code f.derivative(x, f(x))} at every x given. */
    public static void checkActivation(String name, ActivationFunction f, double... xs) {
        for (double x : xs) {
            double numeric = (f.value(x + STEP) - f.value(x - STEP)) / (2 * STEP);
            double analytic = f.derivative(x, f.value(x));
            double err = relativeError(analytic, numeric);
            if (!(err <= TOLERANCE)) {
                throw new AssertionError(String.format("%s: f'(%g) analytic %.12g, numeric %.12g, relative error %.3g > %.1g",
                        name, x, analytic, numeric, err, TOLERANCE));
            }
        }
    }

    /** One variable to check: its tensor and the analytic gradient of the loss w.r.t. it (host copy). */
    public record Variable(String name, Tensor value, double[] analyticGradient) {
    }

    /**
     * Perturbs every element of every variable and compares the loss's central difference with the
     * analytic gradient. {@code loss} must recompute the loss from the variables' current values.
     *
     * @return the largest relative error seen
     */
    public static double check(String what, List<Variable> variables, DoubleSupplier loss, double tolerance) {
        double worst = 0;
        for (Variable v : variables) {
            ComputeBackend b = v.value().backend();
            double[] values = new double[(int) v.value().size()];
            b.download(v.value(), values, 0);
            for (int i = 0; i < values.length; i++) {
                double original = values[i];
                values[i] = original + STEP;
                b.upload(values, 0, v.value());
                double plus = loss.getAsDouble();
                values[i] = original - STEP;
                b.upload(values, 0, v.value());
                double minus = loss.getAsDouble();
                values[i] = original;
                b.upload(values, 0, v.value());
                double numeric = (plus - minus) / (2 * STEP);
                double analytic = v.analyticGradient()[i];
                double err = relativeError(analytic, numeric);
                if (!(err <= tolerance)) {
                    int cols = v.value().cols();
                    throw new AssertionError(String.format(
                            "%s: d loss / d %s[%d,%d] analytic %.12g, numeric %.12g, relative error %.3g > %.1g",
                            what, v.name(), i / cols, i % cols, analytic, numeric, err, tolerance));
                }
                worst = Math.max(worst, err);
            }
        }
        return worst;
    }

    /**
     * Checks a layer's backward pass: the loss is {@code sum(forward(x) * R)} for a fixed random R, so
     * {@code dL/dy = R}. Checks every parameter and the input.
     *
     * @return the largest relative error seen
     */
    public static double checkLayer(Layer layer, Tensor input, long seed, double tolerance) {
        ComputeBackend b = input.backend();
        Random random = new Random(seed);
        Tensor out = layer.forward(input, true);
        double[] r = new double[(int) out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = random.nextGaussian();
        }
        Tensor rt = b.allocate(out.rows(), out.cols(), Precision.FLOAT64);
        b.upload(r, 0, rt);
        for (Parameter p : layer.parameters()) {
            b.fill(p.gradient(), 0);
        }
        Tensor gradIn = layer.backward(rt);
        List<Variable> vars = new ArrayList<>();
        vars.add(new Variable("input", input, download(gradIn)));
        for (Parameter p : layer.parameters()) {
            vars.add(new Variable(layer.name() + "." + p.name(), p.value(), download(p.gradient())));
        }
        DoubleSupplier loss = () -> {
            Tensor y = layer.forward(input, true);
            double[] yv = download(y);
            double sum = 0;
            for (int i = 0; i < yv.length; i++) {
                sum += yv[i] * r[i];
            }
            return sum;
        };
        return check("layer " + layer.name(), vars, loss, tolerance);
    }

    /** Host copy of a tensor's values. */
    public static double[] download(Tensor t) {
        double[] v = new double[(int) t.size()];
        t.backend().download(t, v, 0);
        return v;
    }
}

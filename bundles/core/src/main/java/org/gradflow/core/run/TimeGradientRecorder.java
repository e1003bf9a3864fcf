package org.gradflow.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.gradflow.api.health.TimeHealth;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.RecurrentLayer;
import org.gradflow.api.tensor.Tensor;

/**
 * Records how the gradient travels back through time in a run's recurrent layers, on the steps the
 * gradient monitor samples:
 * <ul>
 * <li>{@code time-gradients.csv}: {@code step,layer,t,state_grad_l2}, the norm {@code ||dL/dh_t||} of
 * the gradient reaching hidden state t, for every t. Read along t, it shows how fast the signal decays
 * (vanishing) or grows (exploding) with distance in time.</li>
 * <li>{@code recurrent-weights.csv}: {@code step,layer,gate,largest_singular_value} of each gate's
 * block of the hidden-to-hidden weight, before the first update and after every epoch. For a vanilla RNN with a tanh or sigmoid, a value below 1
 * (below 4 for the sigmoid) is sufficient for the gradient to vanish, above 1 necessary for it to
 * explode (Pascanu, Mikolov and Bengio, 2013).</li>
 * </ul>
 * A run without recurrent layers writes neither file.
 */
final class TimeGradientRecorder implements AutoCloseable {
    private final List<RecurrentLayer> layers = new ArrayList<>();
    private final Writer times;
    private final Writer weights;
    private final java.util.Map<String, double[]> lastNorms = new java.util.LinkedHashMap<>();
    private long lastStep;

    TimeGradientRecorder(List<Layer> network, Path dir) throws IOException {
        for (Layer l : network) {
            if (l instanceof RecurrentLayer r) {
                layers.add(r);
            }
        }
        if (layers.isEmpty()) {
            times = null;
            weights = null;
            return;
        }
        times = Files.newBufferedWriter(dir.resolve("time-gradients.csv"), StandardCharsets.UTF_8);
        times.write("step,layer,t,state_grad_l2\n");
        weights = Files.newBufferedWriter(dir.resolve("recurrent-weights.csv"), StandardCharsets.UTF_8);
        weights.write("step,layer,gate,largest_singular_value\n");
    }

    /** Before back-propagation: the layers record their state gradients on sampled steps only. */
    void beforeBackward(boolean sampled) {
        for (RecurrentLayer r : layers) {
            r.recordStateGradients(sampled);
        }
    }

    /** After back-propagation of a sampled step: one row per layer and time step. */
    void recordStateGradients(long step) throws IOException {
        recordStateGradients(step, true);
    }

    /**
     * After back-propagation of a step that recorded state gradients: keeps them for {@link #summary}
     * and {@link #health}, and writes the CSV rows when {@code write}.
     */
    void recordStateGradients(long step, boolean write) throws IOException {
        for (RecurrentLayer r : layers) {
            double[] norms = r.stateGradientNorms();
            if (norms != null) {
                lastNorms.put(r.name(), norms.clone());
                lastStep = step;
                for (int t = 0; write && t < norms.length; t++) {
                    times.write(String.format(Locale.ROOT, "%d,%s,%d,%.6e%n", step, r.name(), t, norms[t]));
                }
            }
        }
    }

    /** The recurrent layers' health from the last recorded step (see {@link TimeHealth}). */
    List<TimeHealth> health() {
        List<TimeHealth> out = new ArrayList<>();
        for (RecurrentLayer r : layers) {
            double[] n = lastNorms.get(r.name());
            if (n == null) {
                continue;
            }
            int last = n.length - 1;
            double firstToLast = n[last] == 0 ? Double.NaN : n[0] / n[last];
            out.add(new TimeHealth(r.name(), n.length, firstToLast, decayPerStep(n), jacobianNorm(r), weightNorm(r)));
        }
        return out;
    }

    /** Least-squares slope of log10 ||dL/dh_t|| against the distance T-1-t; zero or non-finite norms are skipped. */
    static double decayPerStep(double[] norms) {
        int last = norms.length - 1;
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int t = 0; t <= last; t++) {
            if (norms[t] > 0 && Double.isFinite(norms[t])) {
                double x = last - t;
                double y = Math.log10(norms[t]);
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
            }
        }
        double denominator = n * sxx - sx * sx;
        return n < 2 || denominator == 0 ? Double.NaN : (n * sxy - sx * sy) / denominator;
    }

    /** sigma_max(diag(mean_b |f'(z_b)|) U) at the last step, for cells that expose f'(z); NaN otherwise. */
    private static double jacobianNorm(RecurrentLayer r) {
        Tensor d = r.lastStepDerivative();
        if (d == null || r.gateNames().size() != 1) {
            return Double.NaN;
        }
        int h = r.hiddenSize();
        double[] derivative = new double[(int) d.size()];
        d.backend().download(d, derivative, 0);
        double[] mean = new double[h];
        for (int i = 0; i < derivative.length; i++) {
            mean[i % h] += Math.abs(derivative[i]) / d.rows();
        }
        Tensor w = r.recurrentWeight().value();
        double[] u = new double[(int) w.size()];
        w.backend().download(w, u, 0);
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < h; j++) {
                u[i * h + j] *= mean[i];
            }
        }
        return SpectralNorm.largestSingularValue(u, 0, h, h);
    }

    private static double weightNorm(RecurrentLayer r) {
        Tensor w = r.recurrentWeight().value();
        double[] values = new double[(int) w.size()];
        w.backend().download(w, values, 0);
        int h = r.hiddenSize();
        double max = 0;
        for (int g = 0; g < r.gateNames().size(); g++) {
            max = Math.max(max, SpectralNorm.largestSingularValue(values, g * h * h, h, h));
        }
        return max;
    }

    /** The recurrent weights' largest singular values, one row per layer and gate. */
    void recordWeights(long step) throws IOException {
        for (RecurrentLayer r : layers) {
            Tensor w = r.recurrentWeight().value();
            double[] values = new double[(int) w.size()];
            w.backend().download(w, values, 0);
            int h = r.hiddenSize();
            List<String> gates = r.gateNames();
            for (int g = 0; g < gates.size(); g++) {
                double sigma = SpectralNorm.largestSingularValue(values, g * h * h, h, h);
                weights.write(String.format(Locale.ROOT, "%d,%s,%s,%.6e%n", step, r.name(), gates.get(g), sigma));
            }
        }
    }

    /**
     * One line per recurrent layer on the last recorded step: how much of the gradient at the last time
     * step is left at the first, e.g. {@code rnn1: ||dL/dh_t|| is 1.2e-01 at t=49, 3.4e-05 at t=25,
     * 3.0e-06 at t=0 (t=0 gets 2.5e-05 of t=49's) at step 1500}.
     */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (java.util.Map.Entry<String, double[]> e : lastNorms.entrySet()) {
            double[] n = e.getValue();
            int last = n.length - 1;
            int mid = last / 2;
            lines.add(String.format(Locale.ROOT, "%s: ||dL/dh_t|| is %.1e at t=%d, %.1e at t=%d, %.1e at t=0 "
                    + "(t=0 gets %.1e of t=%d's) at step %d", e.getKey(), n[last], last, n[mid], mid, n[0],
                    n[last] == 0 ? Double.NaN : n[0] / n[last], last, lastStep));
        }
        return lines;
    }

    /** End of an epoch: makes the rows visible to readers. */
    void flush() throws IOException {
        if (times != null) {
            times.flush();
            weights.flush();
        }
    }

    @Override
    public void close() {
        try {
            if (times != null) {
                times.close();
                weights.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

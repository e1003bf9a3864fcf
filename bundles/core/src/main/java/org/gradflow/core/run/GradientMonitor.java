package org.gradflow.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.run.GradientStats;
import org.gradflow.api.run.LayerGradientSummary;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.api.tensor.TensorStats;

/**
 * Measures the gradient flow of one run. Every step it takes each parameter's gradient statistics (one
 * pass: L2, max-abs, non-finite count) so a non-finite gradient is caught before it reaches the
 * weights. Every {@code interval} steps it also measures the update: it copies the weights before the
 * optimizer step and compares after, and writes one {@code gradients.csv} row per parameter.
 *
 * <p>The per-layer table averages each parameter's gradient L2 norm over the last finished epoch
 * (over the current one while the first is under way). Thread-safe for one writer (the run's
 * thread) and any number of readers ({@link #summary}).
 */
final class GradientMonitor implements AutoCloseable {
    static final String CSV_HEADER = "step,layer,parameter,grad_l2,grad_rms,grad_maxabs,weight_l2,update_ratio,nonfinite";

    private static final class Tracked {
        final String layer;
        final Parameter parameter;
        Tensor before;
        TensorStats grad;
        double weightBefore;
        // running window
        double sumGradL2;
        int samples;
        long nonFinite;
        double weightL2;
        double updateRatio;
        // last finished epoch
        LayerGradientSummary finished;

        Tracked(String layer, Parameter parameter) {
            this.layer = layer;
            this.parameter = parameter;
        }
    }

    private final ComputeBackend backend;
    private final List<Tracked> tracked = new ArrayList<>();
    private final Writer csv;
    private final int interval;

    GradientMonitor(List<Layer> layers, ComputeBackend backend, Writer csv, int interval) throws IOException {
        this.backend = backend;
        this.csv = csv;
        this.interval = interval;
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                tracked.add(new Tracked(layer.name(), p));
            }
        }
        csv.write(CSV_HEADER + "\n");
    }

    /** Whether step {@code step} (from 1) records a row. */
    boolean samples(long step) {
        return step == 1 || step % interval == 0;
    }

    /**
     * After back-propagation, before clipping and the update: measures every gradient.
     *
     * @return a description of the first (input-side) non-finite gradient, or {@code null}
     */
    String measureGradients(long step) {
        String firstBad = null;
        boolean sampled = samples(step);
        for (Tracked t : tracked) {
            t.grad = backend.stats(t.parameter.gradient());
            if (t.grad.nonFinite() > 0 && firstBad == null) {
                firstBad = t.layer + "." + t.parameter.name() + " (" + t.grad.nonFinite() + " of " + t.grad.count()
                        + " gradient elements are NaN or infinite)";
            }
            if (sampled) {
                t.weightBefore = backend.stats(t.parameter.value()).l2();
                if (t.before == null) {
                    Tensor v = t.parameter.value();
                    t.before = backend.allocate(v.rows(), v.cols(), v.precision());
                }
                backend.copy(t.parameter.value(), t.before);
            }
        }
        return firstBad;
    }

    /**
     * Per layer (in network order), from the last {@link #measureGradients}: {@code {L2 norm over the
     * layer's trainable weight-matrix gradients (NaN when it has none, e.g. when frozen), non-finite
     * gradient elements}}.
     */
    Map<String, double[]> latestLayerGradients() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Tracked t : tracked) {
            double[] v = out.computeIfAbsent(t.layer, k -> new double[] {Double.NaN, 0});
            if (t.grad == null) {
                continue;
            }
            // a frozen weight gets no gradient (layers skip it): its 0 is not a measurement of the flow
            if (t.parameter.role() == Parameter.Role.WEIGHT && !t.parameter.frozen()) {
                double l2 = t.grad.l2();
                v[0] = Double.isNaN(v[0]) ? l2 * l2 : v[0] + l2 * l2;
            }
            v[1] += t.grad.nonFinite();
        }
        for (double[] v : out.values()) {
            v[0] = Math.sqrt(v[0]);
        }
        return out;
    }

    /** After the optimizer step: the update sizes, the CSV rows, and the running averages. */
    void measureUpdate(long step) throws IOException {
        boolean sampled = samples(step);
        synchronized (this) {
            for (Tracked t : tracked) {
                if (sampled) {
                    backend.axpby(1, t.parameter.value(), -1, t.before); // before := after - before
                    double delta = backend.stats(t.before).l2();
                    t.weightL2 = backend.stats(t.parameter.value()).l2();
                    t.updateRatio = t.weightBefore == 0 ? (delta == 0 ? 0 : Double.POSITIVE_INFINITY) : delta / t.weightBefore;
                    GradientStats row = new GradientStats(step, t.layer, t.parameter.name(), t.grad.l2(), t.grad.rms(),
                            t.grad.maxAbs(), t.weightL2, t.updateRatio, t.grad.nonFinite());
                    csv.write(format(row));
                }
                t.sumGradL2 += t.grad.l2();
                t.samples++;
                t.nonFinite += t.grad.nonFinite();
            }
        }
    }

    static String format(GradientStats s) {
        return String.format(Locale.ROOT, "%d,%s,%s,%.6e,%.6e,%.6e,%.6e,%.6e,%d%n", s.step(), s.layer(), s.parameter(),
                s.gradL2(), s.gradRms(), s.gradMaxAbs(), s.weightL2(), s.updateRatio(), s.nonFinite());
    }

    /** Closes the averaging window: the table now shows this epoch. */
    synchronized void endEpoch() throws IOException {
        List<LayerGradientSummary> rows = current();
        for (int i = 0; i < tracked.size(); i++) {
            Tracked t = tracked.get(i);
            t.finished = rows.get(i);
            t.sumGradL2 = 0;
            t.samples = 0;
            t.nonFinite = 0;
        }
        csv.flush();
    }

    private List<LayerGradientSummary> current() {
        List<LayerGradientSummary> out = new ArrayList<>();
        for (Tracked t : tracked) {
            double mean = t.samples == 0 ? 0 : t.sumGradL2 / t.samples;
            out.add(new LayerGradientSummary(t.layer, t.parameter.name(), mean, Double.NaN, t.weightL2, t.updateRatio,
                    t.nonFinite, t.samples));
        }
        return out;
    }

    /**
     * What a parameter's ratio is taken against: weight matrices ({@code weight}, {@code weight_ih},
     * {@code a.weight}, ...) against the last layer's weight matrix, biases against its bias, anything
     * else ({@code norm.weight}, {@code act.weight}) against the last parameter of the same name.
     */
    static String ratioKind(String parameter) {
        if (Parameter.isWeightMatrix(parameter)) {
            return "weight";
        }
        // a bias is named like a weight matrix with "bias" in place of "weight"
        int dot = parameter.lastIndexOf('.');
        String last = parameter.substring(dot + 1);
        return last.startsWith("bias") && Parameter.isWeightMatrix(parameter.substring(0, dot + 1) + "weight") ? "bias"
                : parameter;
    }

    /** The per-layer table; ratios are against the last layer's parameter of the same kind ({@link #ratioKind}). */
    synchronized List<LayerGradientSummary> summary() {
        List<LayerGradientSummary> rows = new ArrayList<>();
        boolean anyFinished = tracked.stream().anyMatch(t -> t.finished != null);
        List<LayerGradientSummary> cur = anyFinished ? null : current();
        for (int i = 0; i < tracked.size(); i++) {
            rows.add(anyFinished ? tracked.get(i).finished : cur.get(i));
        }
        List<LayerGradientSummary> out = new ArrayList<>();
        for (LayerGradientSummary r : rows) {
            double last = Double.NaN;
            for (int j = rows.size() - 1; j >= 0; j--) {
                if (ratioKind(rows.get(j).parameter()).equals(ratioKind(r.parameter()))) {
                    last = rows.get(j).meanGradL2();
                    break;
                }
            }
            out.add(new LayerGradientSummary(r.layer(), r.parameter(), r.meanGradL2(),
                    last == 0 ? Double.NaN : r.meanGradL2() / last, r.weightL2(), r.updateRatio(), r.nonFinite(),
                    r.samples()));
        }
        return out;
    }

    @Override
    public void close() {
        for (Tracked t : tracked) {
            if (t.before != null) {
                t.before.close();
            }
        }
        try {
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.gradflow.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.gradflow.report.RunData.Grad;

/**
 * The weight-gradient size of every layer at every recorded step, from {@code gradients.csv}.
 *
 * <p>A layer's value at a step is the L2 norm of all its weight-matrix gradients together:
 * {@code sqrt(sum_i grad_l2_i^2)} over its weight matrices (see {@link #isWeightMatrix}); for a layer with
 * one weight matrix that is its {@code grad_l2}. Biases, normalization scales and activation slopes are
 * left out: they are not where vanishing or exploding gradients show. Layers without a weight matrix
 * are left out; the others keep the order in which the file first names them (input first).
 *
 * <p>A cell is {@link Kind#NON_FINITE} when a weight matrix's {@code grad_l2} is NaN or infinite or its
 * {@code nonfinite} count is positive, {@link Kind#ZERO} when the norm is exactly 0, {@link Kind#MISSING}
 * when the step has no row for the layer (a partly written step).
 */
final class GradientFlow {
    enum Kind { MISSING, ZERO, NON_FINITE, VALUE }

    /** A layer's value at one step (or over a group of steps); {@code value} is NaN unless VALUE. */
    record Cell(Kind kind, double value) {
        static final Cell MISSING = new Cell(Kind.MISSING, Double.NaN);
        static final Cell ZERO = new Cell(Kind.ZERO, 0);
        static final Cell NON_FINITE = new Cell(Kind.NON_FINITE, Double.NaN);
    }

    /** A heatmap column: the recorded steps {@code from..to} it averages. */
    record Column(long from, long to) {
    }

    /**
     * The heatmap: {@code log10} of the weight-gradient L2 per layer (rows) and column. A cell averages the
     * {@code log10} of the positive values of its steps (a geometric mean, fitting the log colour scale);
     * it is NON_FINITE if any of its steps is, ZERO if all its recorded values are 0, MISSING if none is
     * recorded.
     */
    record Heatmap(List<String> layers, List<Column> columns, Cell[][] log10) {
    }

    /** One layer's mean weight-gradient L2 over a range of steps. */
    record LayerMean(String layer, double mean, int samples, boolean nonFinite) {
    }

    private final List<String> layers;
    private final long[] steps;
    private final Cell[][] cells; // [layer][step index], linear (not log) values

    private GradientFlow(List<String> layers, long[] steps, Cell[][] cells) {
        this.layers = layers;
        this.steps = steps;
        this.cells = cells;
    }

    /**
     * Whether a parameter is a weight matrix: its last dot-segment starts with {@code weight}
     * ({@code weight}, {@code weight_ih}, {@code weight_hh}, {@code a.weight}, {@code proj.weight}) and its
     * owner segment does not start with {@code norm} or {@code act} (a normalization's scale, a learned
     * activation's slopes): {@link org.gradflow.api.nn.Parameter#isWeightMatrix}, the rule the core and the shell use too.
     */
    static boolean isWeightMatrix(String parameter) {
        return org.gradflow.api.nn.Parameter.isWeightMatrix(parameter);
    }

    static GradientFlow of(List<Grad> rows) {
        Map<String, Integer> layerIndex = new LinkedHashMap<>();
        TreeSet<Long> stepSet = new TreeSet<>();
        for (Grad g : rows) {
            if (isWeightMatrix(g.parameter())) {
                layerIndex.putIfAbsent(g.layer(), layerIndex.size());
                stepSet.add(g.step());
            }
        }
        long[] steps = stepSet.stream().mapToLong(Long::longValue).toArray();
        Map<Long, Integer> stepIndex = new LinkedHashMap<>();
        for (int i = 0; i < steps.length; i++) {
            stepIndex.put(steps[i], i);
        }
        // Collect each (layer, step)'s weight-matrix norms, then combine them without overflow.
        List<List<List<Double>>> norms = new ArrayList<>();
        boolean[][] bad = new boolean[layerIndex.size()][steps.length];
        for (int l = 0; l < layerIndex.size(); l++) {
            List<List<Double>> perStep = new ArrayList<>();
            for (int s = 0; s < steps.length; s++) {
                perStep.add(null);
            }
            norms.add(perStep);
        }
        for (Grad g : rows) {
            if (!isWeightMatrix(g.parameter())) {
                continue;
            }
            int l = layerIndex.get(g.layer());
            int s = stepIndex.get(g.step());
            if (norms.get(l).get(s) == null) {
                norms.get(l).set(s, new ArrayList<>());
            }
            norms.get(l).get(s).add(g.gradL2());
            bad[l][s] |= g.nonFinite() > 0 || !Double.isFinite(g.gradL2());
        }
        Cell[][] cells = new Cell[layerIndex.size()][steps.length];
        for (int l = 0; l < cells.length; l++) {
            for (int s = 0; s < steps.length; s++) {
                List<Double> n = norms.get(l).get(s);
                cells[l][s] = n == null ? Cell.MISSING : bad[l][s] ? Cell.NON_FINITE : combined(n);
            }
        }
        return new GradientFlow(List.copyOf(layerIndex.keySet()), steps, cells);
    }

    /** {@code sqrt(sum n_i^2)}, scaled by the largest so that neither 1e200 nor 1e-200 is lost. */
    private static Cell combined(List<Double> n) {
        double max = 0;
        for (double v : n) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0) {
            return Cell.ZERO;
        }
        double sum = 0;
        for (double v : n) {
            sum += (v / max) * (v / max);
        }
        return new Cell(Kind.VALUE, max * Math.sqrt(sum));
    }

    List<String> layers() {
        return layers;
    }

    long[] steps() {
        return steps.clone();
    }

    /** The layer's value at the {@code s}-th recorded step (linear, not log). */
    Cell cell(int layer, int s) {
        return cells[layer][s];
    }

    boolean isEmpty() {
        return layers.isEmpty() || steps.length == 0;
    }

    /** The heatmap with at most {@code maxColumns} columns: consecutive recorded steps share a column. */
    Heatmap heatmap(int maxColumns) {
        int n = steps.length;
        int cols = Math.min(n, maxColumns);
        List<Column> columns = new ArrayList<>();
        Cell[][] out = new Cell[layers.size()][cols];
        for (int c = 0; c < cols; c++) {
            int from = (int) ((long) c * n / cols);
            int to = (int) ((long) (c + 1) * n / cols); // exclusive
            columns.add(new Column(steps[from], steps[to - 1]));
            for (int l = 0; l < layers.size(); l++) {
                out[l][c] = log10Mean(cells[l], from, to);
            }
        }
        return new Heatmap(layers, columns, out);
    }

    private static Cell log10Mean(Cell[] row, int from, int to) {
        boolean zero = false;
        double sum = 0;
        int count = 0;
        for (int s = from; s < to; s++) {
            switch (row[s].kind()) {
                case NON_FINITE:
                    return Cell.NON_FINITE;
                case ZERO:
                    zero = true;
                    break;
                case VALUE:
                    sum += Math.log10(row[s].value());
                    count++;
                    break;
                default:
                    break;
            }
        }
        return count > 0 ? new Cell(Kind.VALUE, sum / count) : zero ? Cell.ZERO : Cell.MISSING;
    }

    /**
     * Each layer's arithmetic mean of its weight-gradient L2 over the recorded steps in {@code [from, to]}
     * (as the shell's gradient table averages over the last epoch); NaN with {@code nonFinite} set if
     * any of them is NaN or infinite.
     */
    List<LayerMean> means(long from, long to) {
        List<LayerMean> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            double sum = 0;
            int samples = 0;
            boolean nonFinite = false;
            for (int s = 0; s < steps.length; s++) {
                Cell c = cells[l][s];
                if (steps[s] < from || steps[s] > to || c.kind() == Kind.MISSING) {
                    continue;
                }
                samples++;
                nonFinite |= c.kind() == Kind.NON_FINITE;
                sum += c.kind() == Kind.VALUE ? c.value() : 0;
            }
            out.add(new LayerMean(layers.get(l), nonFinite || samples == 0 ? Double.NaN : sum / samples, samples,
                    nonFinite));
        }
        return out;
    }

    /** Whether any recorded step lies in {@code [from, to]}. */
    boolean hasStepsIn(long from, long to) {
        for (long s : steps) {
            if (s >= from && s <= to) {
                return true;
            }
        }
        return false;
    }
}

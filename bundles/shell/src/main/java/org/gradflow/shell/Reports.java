package org.gradflow.shell;

import java.util.List;
import java.util.Locale;

import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.LayerGradientSummary;
import org.gradflow.api.run.RunInfo;

/** Text renderings shared by the commands: epoch lines and the gradient table. */
final class Reports {
    private Reports() {
    }

    static String epochLine(RunInfo run, EpochMetrics m) {
        String acc = Double.isNaN(m.trainAccuracy()) ? ""
                : String.format(Locale.ROOT, "  train acc %.4f  test acc %.4f", m.trainAccuracy(), m.testAccuracy());
        String clip = Double.isNaN(m.clipRate()) ? "" : String.format(Locale.ROOT, "  clipped %.0f%% of steps", 100 * m.clipRate());
        return String.format(Locale.ROOT, "epoch %d/%d  loss %s  test loss %s%s%s  %.1f s (%.1f ms/step)",
                m.epoch(), run.epochs(), loss(m.trainLoss()), loss(m.testLoss()), acc, clip, m.seconds(), m.msPerStep());
    }

    /** Four decimals where that is readable, scientific for huge or tiny losses (a diverging run's 1e299). */
    static String loss(double v) {
        double a = Math.abs(v);
        return a != 0 && Double.isFinite(v) && (a >= 1e5 || a < 1e-3) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    static String sci(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3e", v);
    }

    /**
     * Whether a parameter is a weight matrix: {@code weight}, {@code weight_ih}, {@code weight_hh},
     * {@code a.weight}, {@code proj.weight}, but not a normalization's scale ({@code norm.weight}) or a
     * learned activation's slopes ({@code act.weight}).
     */
    static boolean isWeightMatrix(String parameter) {
        return org.gradflow.api.nn.Parameter.isWeightMatrix(parameter);
    }

    /** The per-layer table of weight-matrix gradients (or every parameter with {@code all}). */
    static String gradientTable(List<LayerGradientSummary> rows, boolean all) {
        if (rows.isEmpty()) {
            return "no gradient statistics yet (the run has not finished a step)\n";
        }
        Table t = new Table("layer", "parameter", "grad_l2(mean)", "ratio_to_last", "weight_l2", "update_ratio", "nonfinite", "steps");
        for (LayerGradientSummary r : rows) {
            if (all || isWeightMatrix(r.parameter())) {
                t.row(r.layer(), r.parameter(), sci(r.meanGradL2()), sci(r.ratioToLast()), sci(r.weightL2()),
                        sci(r.updateRatio()), r.nonFinite(), r.samples());
            }
        }
        return t.toString();
    }
}

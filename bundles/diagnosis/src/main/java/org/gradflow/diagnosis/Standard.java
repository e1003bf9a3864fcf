package org.gradflow.diagnosis;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.health.Condition;
import org.gradflow.api.health.Diagnosis;
import org.gradflow.api.health.HealthSnapshot;
import org.gradflow.api.health.LayerHealth;
import org.gradflow.api.health.TimeHealth;
import org.gradflow.api.health.Verdict;
import org.osgi.service.component.annotations.Component;

/**
 * The default diagnosis: six rules tried in order; the first that matches gives the verdict.
 *
 * <pre>
 * r_i = gradRatioToLast of layer i = ||g_i|| / ||g_last||, over the layers before the last (NaN skipped)
 * q_k = firstToLast of recurrent layer k = ||dL/dh_0|| / ||dL/dh_{T-1}||
 * d_k = decayPerStep of recurrent layer k (slope of log10 ||dL/dh_t|| per step back)
 * s   = mean saturatedFraction over the layers with a bounded activation
 *
 * 1. DIVERGED    loss not finite, or firstNonFinite != null, or some layer has nonFinite &gt; 0
 * 2. EXPLODING   max_i r_i &gt; exploding-ratio, or some q_k &gt; exploding-ratio,
 *                or some d_k &gt; exploding-growth-per-step with T &ge; growth-min-steps,
 *                or loss &gt; exploding-loss-growth * firstLoss (the loss of step 1)
 * 3. VANISHING   min_i r_i &lt; vanishing-ratio, or some q_k &lt; vanishing-ratio
 * 4. SATURATED   s &gt; saturated-fraction
 * 5. DEAD_UNITS  some layer's deadFraction &gt; dead-fraction
 * 6. HEALTHY     none of these
 * </pre>
 *
 * Every comparison is strict and NaN never matches, so an unmeasured figure is no evidence. Ratios
 * that are infinite (the last layer's gradient was exactly 0) are not measurements either and are
 * skipped like NaN.
 *
 * <p><b>Defaults.</b> Plain SGD moves each layer's weights in proportion to its gradient, so with
 * {@code r_i = 1e-3} layer {@code i} learns a thousand times more slowly than the output layer
 * (Glorot &amp; Bengio 2010 show sigmoid stacks stalling this way); {@code r_i = 1e3} means a
 * learning rate that suits the last layer is a thousand times too large for layer {@code i}. Through
 * time, {@code d = 0.05} decades per step is a factor {@code 10^0.05 = 1.12} per step, so {@code 10^2.5
 * = 316} over 50 steps and still growing: the exploding case of Pascanu, Mikolov &amp; Bengio (ICML
 * 2013); the slope is only trusted from {@code growth-min-steps} = 10 steps on. Half the bounded units
 * saturated (their slope below the core's threshold) or half the units dead (Lu et al., "Dying ReLU
 * and initialization", 2019) means half the layer passes no gradient.
 *
 * <p><b>Remedies</b>, by cause, each offered only when installed and not already in use (see
 * {@link Remedies}): a recurrent network gets the recurrent remedies ({@code architecture=lstm},
 * {@code architecture=gru} in place of {@code rnn}; {@code initializer=orthogonal}) and never
 * {@code activation=relu} (an unbounded recurrence explodes); a feed-forward network with bounded
 * activations gets {@code activation=relu initializer=he-normal}; both feed-forward cases
 * {@code normalization=batch-norm} and {@code architecture=residual-mlp} (He et al. 2016).
 *
 * <p>The vanishing evidence adds the saturation of the bounded layers whenever there are any: a high
 * figure names the cause, a low one shows that the slope bound ({@code sigmoid' <= 1/4}), not
 * saturation, is to blame; either way the bounded activation is what {@code activation=relu} replaces.
 */
@Component(service = Diagnosis.class)
@GradflowComponent(name = "standard",
        description = "rule-based verdict (diverged, exploding, vanishing, saturated, dead units, healthy) with installed remedies")
public final class Standard implements Diagnosis {
    static final ParameterSpec EXPLODING_RATIO = ParameterSpec.real("exploding-ratio", 1e3,
            "gradient ratio to the last layer (or first-to-last time step) above which gradients explode").atLeast(1);
    static final ParameterSpec EXPLODING_GROWTH = ParameterSpec.real("exploding-growth-per-step", 0.05,
            "growth of log10 ||dL/dh_t|| per step back in time above which gradients explode").positive();
    static final ParameterSpec GROWTH_MIN_STEPS = ParameterSpec.integer("growth-min-steps", 10,
            "fewest time steps for which the growth per step is trusted").atLeast(2);
    static final ParameterSpec EXPLODING_LOSS_GROWTH = ParameterSpec.real("exploding-loss-growth", 1e3,
            "the loss this many times its value at step 1 counts as exploding (training is running away)").atLeast(1);
    static final ParameterSpec VANISHING_RATIO = ParameterSpec.real("vanishing-ratio", 1e-3,
            "gradient ratio to the last layer (or first-to-last time step) below which gradients vanish")
            .within(0, 1).positive();
    static final ParameterSpec SATURATED_FRACTION = ParameterSpec.real("saturated-fraction", 0.5,
            "mean fraction of saturated bounded units above which the network is saturated").within(0, 1);
    static final ParameterSpec DEAD_FRACTION = ParameterSpec.real("dead-fraction", 0.5,
            "fraction of dead units in a layer above which it has dead units").within(0, 1);

    /** The global-norm clipping remedy, with PyTorch's customary bound. */
    static final String CLIP = "clipper=global-norm clipper.max-norm=1";
    static final String RELU_HE = "activation=relu initializer=he-normal";
    static final String BATCH_NORM = "normalization=batch-norm";
    static final String RESIDUAL = "architecture=residual-mlp";
    static final String ORTHOGONAL = "initializer=orthogonal";

    /** The thresholds of one call, read once from its settings. */
    private record Limits(double explodingRatio, double explodingGrowth, int growthMinSteps, double explodingLossGrowth,
            double vanishingRatio, double saturatedFraction, double deadFraction) {
        static Limits of(Settings s) {
            return new Limits(s.real(EXPLODING_RATIO), s.real(EXPLODING_GROWTH), s.integer(GROWTH_MIN_STEPS),
                    s.real(EXPLODING_LOSS_GROWTH), s.real(VANISHING_RATIO), s.real(SATURATED_FRACTION), s.real(DEAD_FRACTION));
        }
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(EXPLODING_RATIO, EXPLODING_GROWTH, GROWTH_MIN_STEPS, EXPLODING_LOSS_GROWTH, VANISHING_RATIO,
                SATURATED_FRACTION, DEAD_FRACTION);
    }

    @Override
    public Verdict judge(HealthSnapshot snapshot, Settings settings) {
        Limits limits = Limits.of(settings);
        Verdict v = diverged(snapshot);
        if (v == null) {
            v = exploding(snapshot, limits);
        }
        if (v == null) {
            v = vanishing(snapshot, limits);
        }
        if (v == null) {
            v = saturated(snapshot, limits);
        }
        if (v == null) {
            v = deadUnits(snapshot, limits);
        }
        return v != null ? v : healthy(snapshot);
    }

    /** Rule 1: a non-finite loss or gradient element. Names the first layer (input side) it appeared in. */
    private static Verdict diverged(HealthSnapshot s) {
        String culprit = s.firstNonFinite();
        if (culprit == null) {
            culprit = s.layers().stream().filter(l -> l.nonFinite() > 0).map(LayerHealth::layer).findFirst()
                    .orElse(null);
        }
        if (culprit == null && Double.isFinite(s.loss())) {
            return null;
        }
        List<String> evidence = new ArrayList<>();
        if (culprit != null) {
            String name = culprit;
            long count = s.layers().stream().filter(l -> l.layer().equals(name)).mapToLong(LayerHealth::nonFinite)
                    .findFirst().orElse(0);
            evidence.add("first non-finite gradient in layer " + culprit
                    + (count <= 0 ? "" : " (" + count + (count == 1 ? " element)" : " elements)")));
            evidence.add("loss " + Numbers.compact(s.loss()));
        } else {
            evidence.add("loss " + Numbers.compact(s.loss()) + ", every gradient finite");
        }
        Remedies r = new Remedies(s).lowerLearningRate().add(CLIP);
        return verdict(Condition.DIVERGED, evidence, r, s);
    }

    /** Rule 2: the largest layer ratio, or a recurrent layer's first-to-last ratio or growth per step, too large. */
    private static Verdict exploding(HealthSnapshot s, Limits limits) {
        List<String> evidence = new ArrayList<>();
        LayerHealth top = Layers.largest(Layers.beforeReference(s.layers()), LayerHealth::gradRatioToLast);
        if (top != null && top.gradRatioToLast() > limits.explodingRatio()) {
            evidence.add("layer " + top.layer() + " receives " + Numbers.compact(top.gradRatioToLast())
                    + " times the last layer's gradient");
        }
        if (s.firstLoss() > 0 && Double.isFinite(s.firstLoss()) && s.loss() > limits.explodingLossGrowth() * s.firstLoss()) {
            evidence.add("the loss grew from " + Numbers.compact(s.firstLoss()) + " at step 1 to "
                    + Numbers.compact(s.loss()));
        }
        for (TimeHealth t : s.recurrent()) {
            boolean large = t.firstToLast() > limits.explodingRatio() && t.firstToLast() < Double.POSITIVE_INFINITY;
            boolean growing = t.steps() >= limits.growthMinSteps() && t.decayPerStep() > limits.explodingGrowth();
            if (large || growing) {
                evidence.add(throughTime(t));
            }
        }
        if (evidence.isEmpty()) {
            return null;
        }
        Remedies r = new Remedies(s).add(CLIP).lowerLearningRate();
        if (!s.recurrent().isEmpty()) {
            r.add(ORTHOGONAL);
            addGatedCells(r);
        }
        return verdict(Condition.EXPLODING, evidence, r, s);
    }

    /** Rule 3: the smallest layer ratio, or a recurrent layer's first-to-last ratio, too small. */
    private static Verdict vanishing(HealthSnapshot s, Limits limits) {
        List<String> evidence = new ArrayList<>();
        LayerHealth low = Layers.smallest(Layers.beforeReference(s.layers()), LayerHealth::gradRatioToLast);
        if (low != null && low.gradRatioToLast() < limits.vanishingRatio()) {
            evidence.add("layer " + low.layer() + " receives " + Numbers.compact(low.gradRatioToLast())
                    + " of the last layer's gradient");
        }
        for (TimeHealth t : s.recurrent()) {
            if (t.firstToLast() < limits.vanishingRatio()) {
                evidence.add(throughTime(t));
            }
        }
        if (evidence.isEmpty()) {
            return null;
        }
        List<LayerHealth> bounded = Layers.bounded(s.layers());
        if (!bounded.isEmpty()) {
            evidence.add(saturation(s, bounded));
        }
        Remedies r = new Remedies(s);
        if (!s.recurrent().isEmpty()) {
            addGatedCells(r);
            r.add(ORTHOGONAL);
        } else {
            if (!bounded.isEmpty()) {
                r.add(RELU_HE);
            }
            r.add(BATCH_NORM).add(RESIDUAL);
        }
        return verdict(Condition.VANISHING, evidence, r, s);
    }

    /** Rule 4: the mean saturated fraction of the bounded layers too large. */
    private static Verdict saturated(HealthSnapshot s, Limits limits) {
        List<LayerHealth> bounded = Layers.bounded(s.layers());
        if (bounded.isEmpty() || !(Layers.mean(bounded, LayerHealth::saturatedFraction) > limits.saturatedFraction())) {
            return null;
        }
        String evidence = saturation(s, bounded);
        if (bounded.size() > 1) {
            LayerHealth worst = Layers.largest(bounded, LayerHealth::saturatedFraction);
            evidence += ", up to " + Numbers.percent(worst.saturatedFraction()) + " in " + worst.layer();
        }
        Remedies r = new Remedies(s).add(BATCH_NORM);
        if (s.recurrent().isEmpty()) {
            r.add(RELU_HE);
        }
        r.add("initializer=xavier-uniform");
        return verdict(Condition.SATURATED, List.of(evidence), r, s);
    }

    /** Rule 5: some layer's dead fraction too large; the evidence names the worst. */
    private static Verdict deadUnits(HealthSnapshot s, Limits limits) {
        List<LayerHealth> measured = Layers.withDeadFraction(s.layers());
        List<LayerHealth> over = measured.stream().filter(l -> l.deadFraction() > limits.deadFraction()).toList();
        if (over.isEmpty()) {
            return null;
        }
        LayerHealth worst = Layers.largest(over, LayerHealth::deadFraction);
        String evidence = Numbers.percent(worst.deadFraction()) + " of " + units(worst.activation()) + " in "
                + worst.layer() + " are dead";
        if (over.size() > 1) {
            evidence += "; " + over.size() + " of " + measured.size() + " layers above "
                    + Numbers.percent(limits.deadFraction());
        }
        Remedies r = new Remedies(s).add("activation=leaky-relu").add("activation=elu").lowerLearningRate()
                .add("initializer=he-normal");
        return verdict(Condition.DEAD_UNITS, List.of(evidence), r, s);
    }

    /** Rule 6: the figures that were measured, so a reader sees how far from each rule the run is. */
    private static Verdict healthy(HealthSnapshot s) {
        List<String> evidence = new ArrayList<>();
        List<LayerHealth> before = Layers.beforeReference(s.layers());
        if (!before.isEmpty()) {
            evidence.add("first-to-last gradient ratio " + Numbers.compact(before.get(0).gradRatioToLast()));
        }
        for (TimeHealth t : s.recurrent()) {
            if (Double.isFinite(t.firstToLast())) {
                evidence.add(throughTime(t));
            }
        }
        List<String> units = new ArrayList<>();
        List<LayerHealth> bounded = Layers.bounded(s.layers());
        if (!bounded.isEmpty()) {
            units.add(Numbers.percent(Layers.mean(bounded, LayerHealth::saturatedFraction)) + " saturated");
        }
        List<LayerHealth> withDead = Layers.withDeadFraction(s.layers());
        if (!withDead.isEmpty()) {
            units.add(Numbers.percent(Layers.mean(withDead, LayerHealth::deadFraction)) + " dead");
        }
        if (!units.isEmpty()) {
            evidence.add(String.join(", ", units) + " units");
        }
        if (evidence.isEmpty()) {
            evidence.add("nothing measured yet");
        }
        return new Verdict(Condition.HEALTHY, String.join("; ", evidence), List.of(), s.step());
    }

    /** {@code architecture=lstm} and {@code architecture=gru} for a run of the vanilla {@code rnn}. */
    private static void addGatedCells(Remedies r) {
        if (r.uses("architecture", "rnn")) {
            r.add("architecture=lstm").add("architecture=gru");
        }
    }

    /**
     * How the gradient travels back through one recurrent layer:
     * {@code rnn1: ||dL/dh_0|| is 2.5e-05 of ||dL/dh_49|| (-0.09 decades per step)}, or {@code 3.1e+04 times}
     * for a ratio above 1. Without a finite first-to-last ratio, only the slope.
     */
    private static String throughTime(TimeHealth t) {
        String relation = t.firstToLast() > 1 ? "times" : "of";
        String slope = Numbers.signed(t.decayPerStep()) + " decades per step";
        if (!Double.isFinite(t.firstToLast())) {
            return t.layer() + ": ||dL/dh_t|| changes " + slope + " back over " + t.steps() + " steps";
        }
        return t.layer() + ": ||dL/dh_0|| is " + Numbers.compact(t.firstToLast()) + " " + relation
                + " ||dL/dh_" + (t.steps() - 1) + "||" + (Double.isNaN(t.decayPerStep()) ? "" : " (" + slope + ")");
    }

    /** {@code 91% of sigmoid units in fc1-fc6 are saturated}: the plain mean over the bounded layers. */
    private static String saturation(HealthSnapshot s, List<LayerHealth> bounded) {
        return Numbers.percent(Layers.mean(bounded, LayerHealth::saturatedFraction)) + " of "
                + units(Layers.activations(bounded)) + " in " + Layers.span(s.layers(), bounded) + " are saturated";
    }

    private static String units(String activation) {
        return activation.isEmpty() ? "the units" : activation + " units";
    }

    private static Verdict verdict(Condition condition, List<String> evidence, Remedies remedies, HealthSnapshot s) {
        return new Verdict(condition, String.join("; ", evidence), remedies.list(), s.step());
    }
}

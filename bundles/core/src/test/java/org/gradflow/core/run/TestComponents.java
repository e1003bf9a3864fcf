package org.gradflow.core.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.activation.Activation;
import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.clipper.ClipResult;
import org.gradflow.api.clipper.GradientClipper;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.component.UnknownComponentException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.health.Condition;
import org.gradflow.api.health.Diagnosis;
import org.gradflow.api.health.HealthSnapshot;
import org.gradflow.api.health.Verdict;
import org.gradflow.api.initializer.Initializer;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.optimizer.Optimizer;
import org.gradflow.api.optimizer.UpdateRule;
import org.gradflow.api.pretrain.PretrainContext;
import org.gradflow.api.pretrain.Pretrainer;
import org.gradflow.api.normalization.Normalization;
import org.gradflow.core.nn.HiddenBlockGradientTest;
import org.gradflow.api.schedule.LearningRateSchedule;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.core.catalog.ComponentRegistry;
import org.gradflow.core.catalog.ComponentRegistry.Found;
import org.gradflow.core.catalog.ComponentSource;
import org.gradflow.core.nn.TestFunctions;
import org.gradflow.testkit.ReferenceBackend;

/**
 * A fixed set of small components standing in for the plugin bundles, so the trainer can be tested
 * without a framework: a two-blob data set, tanh, uniform init, plain SGD, an MLP, the reference backend.
 */
final class TestComponents implements ComponentSource {
    private final Map<String, Object> byKey = new HashMap<>();
    final List<Object> released = new ArrayList<>();

    TestComponents() {
        put(Dataset.class, "blobs", new Blobs());
        put(Activation.class, "tanh", (Activation) s -> TestFunctions.TANH);
        put(Activation.class, "sigmoid", (Activation) s -> TestFunctions.SIGMOID);
        put(Initializer.class, "uniform", new Initializer() {
            @Override
            public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
                double a = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < values.length; i++) {
                    values[i] = a * (2 * random.nextDouble() - 1);
                }
            }
        });
        put(Optimizer.class, "sgd", new Sgd());
        // multiplies every weight by 1e200 per step: infinite within two steps, to exercise divergence handling
        put(Optimizer.class, "blow-up", (Optimizer) s -> (p, step, f) -> p.value().backend().axpby(0, p.gradient(), 1e200, p.value()));
        put(Architecture.class, "mlp", (Architecture) ctx -> {
            List<Layer> layers = new ArrayList<>();
            int in = ctx.inputSize();
            for (int i = 1; i <= ctx.hiddenSizes().size(); i++) {
                layers.add(ctx.dense("fc" + i, in, ctx.hiddenSizes().get(i - 1), ctx.hiddenActivation(i)));
                in = ctx.hiddenSizes().get(i - 1);
            }
            layers.add(ctx.dense("fc" + (ctx.hiddenSizes().size() + 1), in, ctx.outputSize(), null));
            return layers;
        });
        put(ComputeBackend.class, "reference", new ReferenceBackend());
        // clips when the joint gradient norm exceeds 1e9, i.e. never in these runs; reports the norm
        put(GradientClipper.class, "never", (GradientClipper) s -> params -> new ClipResult(norm(params), false));
        put(Normalization.class, "unit-norm", (Normalization) (name, features, settings, factory) ->
                new HiddenBlockGradientTest.UnitNorm((ReferenceBackend) factory.backend(), features));
        // learning-rate factor 0: nothing moves
        put(LearningRateSchedule.class, "zero", (LearningRateSchedule) (s, perEpoch, total) -> step -> 0.0);
        // a broken schedule, to check the core's guard
        put(LearningRateSchedule.class, "broken", (LearningRateSchedule) (s, perEpoch, total) -> step -> Double.NaN);
        put(Pretrainer.class, "halving", new HalvingPretrainer());
        // judges by the first layer's gradient ratio only, and records what it was shown
        put(Diagnosis.class, "ratio", new RatioDiagnosis());
        put(Diagnosis.class, "broken", (Diagnosis) (snapshot, settings) -> {
            throw new IllegalStateException("rule bug");
        });
        // halves every gradient at every step
        put(GradientClipper.class, "halve", (GradientClipper) s -> params -> {
            double before = norm(params);
            params.forEach(p -> p.gradient().backend().axpby(0, p.gradient(), 0.5, p.gradient()));
            return new ClipResult(before, true);
        });
    }

    /**
     * A stand-in pre-trainer: for {@code epochs} epochs, halves the weights of every layer but the last
     * and reports their L2 norm, so the test can check the order, the reports and the effect.
     */
    static final class HalvingPretrainer implements Pretrainer {
        static final ParameterSpec EPOCHS = ParameterSpec.integer("epochs", 2, "epochs per layer").within(1, 100);
        final List<Integer> inputCounts = new ArrayList<>();

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(EPOCHS);
        }

        @Override
        public void pretrain(PretrainContext context) {
            inputCounts.add(context.inputs().count());
            List<Layer> layers = context.layers();
            for (int i = 0; i < layers.size() - 1; i++) {
                for (int e = 1; e <= context.settings().integer(EPOCHS) && !context.cancelled(); e++) {
                    double l2 = 0;
                    for (Parameter p : layers.get(i).parameters()) {
                        if (p.role() == Parameter.Role.WEIGHT && !p.frozen()) {
                            context.backend().axpby(0, p.value(), 0.5, p.value());
                            l2 = context.backend().stats(p.value()).l2();
                        }
                    }
                    context.report(i + 1, e, l2);
                }
            }
        }
    }

    /** Vanishing when the first layer's gradient ratio is below 1e-3, diverged on NaN, else healthy. */
    static final class RatioDiagnosis implements Diagnosis {
        final List<HealthSnapshot> seen = new ArrayList<>();

        @Override
        public Verdict judge(HealthSnapshot snapshot, Settings settings) {
            seen.add(snapshot);
            if (snapshot.firstNonFinite() != null || !Double.isFinite(snapshot.loss())) {
                return new Verdict(Condition.DIVERGED, "non-finite in " + snapshot.firstNonFinite(), List.of(),
                        snapshot.step());
            }
            double ratio = snapshot.layers().get(0).gradRatioToLast();
            return ratio < 1e-3
                    ? new Verdict(Condition.VANISHING, "ratio " + ratio, List.of("activation=tanh"), snapshot.step())
                    : new Verdict(Condition.HEALTHY, "ratio " + ratio, List.of(), snapshot.step());
        }
    }

    static double norm(List<Parameter> params) {
        double sum = 0;
        for (Parameter p : params) {
            double l2 = p.gradient().backend().stats(p.gradient()).l2();
            sum += l2 * l2;
        }
        return Math.sqrt(sum);
    }

    <T> void put(Class<T> type, String name, T component) {
        byKey.put(type.getName() + "/" + name, component);
    }

    @Override
    public <T> Found<T> find(Class<T> type, String name) {
        Object c = byKey.get(type.getName() + "/" + name);
        if (c == null) {
            List<String> names = byKey.keySet().stream().filter(k -> k.startsWith(type.getName() + "/"))
                    .map(k -> k.substring(k.indexOf('/') + 1)).sorted().toList();
            throw new UnknownComponentException(ComponentRegistry.kindOf(type.getName()), name, names);
        }
        return new Found<>(type.cast(c), null, ComponentRegistry.kindOf(type.getName()), name, "test");
    }

    @Override
    public <T> Found<T> best(Class<T> type) {
        return find(type, "reference");
    }

    @Override
    public java.util.Set<String> installed() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (String key : byKey.keySet()) {
            int slash = key.indexOf('/');
            out.add(ComponentRegistry.kindOf(key.substring(0, slash)) + "/" + key.substring(slash + 1));
        }
        return out;
    }

    @Override
    public void release(Found<?> found) {
        released.add(found.service());
    }

    /** Two Gaussian blobs in 4 dimensions, classes 0 and 1, centres at -1 and +1. */
    static final class Blobs implements Dataset {
        static final ParameterSpec COUNT = ParameterSpec.integer("count", 200, "training examples").within(2, 100000);
        static final ParameterSpec NAN_AT = ParameterSpec.integer("nan-at", -1, "put a NaN into this example");

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(COUNT, NAN_AT);
        }

        @Override
        public DataSplits load(Settings settings, long seed) {
            Random r = new Random(seed);
            return new DataSplits("two blobs", make(r, settings.integer(COUNT), settings.integer(NAN_AT)), make(r, 100, -1));
        }

        private static Examples make(Random r, int n, int nanAt) {
            float[] x = new float[n * 4];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 2;
                for (int j = 0; j < 4; j++) {
                    x[i * 4 + j] = (float) ((y[i] == 0 ? -1 : 1) + r.nextGaussian());
                }
            }
            if (nanAt >= 0) {
                x[nanAt * 4 + 2] = Float.NaN;
            }
            return Examples.classification("blobs", x, 4, y, 2);
        }
    }

    /** w -= lr * g. */
    static final class Sgd implements Optimizer {
        static final ParameterSpec LR = ParameterSpec.real("lr", 0.1, "learning rate").positive();

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(LR);
        }

        @Override
        public UpdateRule create(Settings settings) {
            double lr = settings.real(LR);
            return (Parameter p, long step, double factor) -> p.value().backend().axpby(-lr * factor, p.gradient(), 1, p.value());
        }
    }
}

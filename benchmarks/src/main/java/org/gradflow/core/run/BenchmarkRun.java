package org.gradflow.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.UnknownComponentException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.health.HealthSnapshot;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.run.RunSpec;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.core.catalog.ComponentRegistry;
import org.gradflow.core.catalog.ComponentRegistry.Found;
import org.gradflow.core.catalog.ComponentSource;
import org.gradflow.core.nn.Loss;
import org.gradflow.core.nn.MeanSquaredError;
import org.gradflow.core.nn.SoftmaxCrossEntropy;

/**
 * A run's training step outside a framework, for the benchmarks: the spec is resolved by the core's
 * {@link RunPlan} against a fixed set of component instances, the network is built and initialized as a
 * run builds it, and {@link #step()} does what one iteration of a run's loop does on one fixed batch:
 * load the batch, {@link TrainingStep} forward, accuracy, backward, penalty, gradient measurement (the
 * non-finite check, and on sampled steps the statistics), the health check with the diagnosis at
 * {@code health.interval}, and the update. Files the run would write go to a temporary folder.
 */
public final class BenchmarkRun implements AutoCloseable {
    private final RunPlan plan;
    private final ComponentSource components;
    private final Examples train;
    private final List<Layer> layers;
    private final TrainingStep training;
    private final GradientMonitor monitor;
    private final TimeGradientRecorder timeGradients;
    private final HealthProbe probe;
    private final Batches batches;
    private final Batches.Batch batch;
    private final Path dir;
    private final int healthInterval;
    private final int[] order;
    private long step;
    private double firstLoss = Double.NaN;

    /**
     * @param spec       run-spec keys (dataset is ignored: the examples are {@code train})
     * @param components every component the spec names, keyed {@code kind type -> name -> instance}
     * @param train      the examples; the step trains on the first {@code batch} of them
     */
    public BenchmarkRun(Map<String, String> spec, Map<Class<?>, Map<String, Object>> components, Examples train) {
        this.train = train;
        this.components = new Fixed(components, train);
        this.plan = RunPlan.resolve(RunSpec.of(withDataset(spec)), this.components);
        try {
            this.dir = Files.createTempDirectory("gradflow-bench");
            ComputeBackend backend = plan.backend.service();
            List<RunModelContext.ActivationChoice> activations = new ArrayList<>();
            List<RunModelContext.NormalizationChoice> normalizations = new ArrayList<>();
            Map<ActivationFunction, String> names = new IdentityHashMap<>();
            for (int i = 1; i <= plan.hidden.size(); i++) {
                ActivationFunction f = plan.activation.service().create(plan.activation.settings());
                activations.add(new RunModelContext.ActivationChoice(plan.activation.service(), plan.activation.settings(), f));
                names.put(f, plan.activation.found().name());
                normalizations.add(null);
            }
            RunModelContext context = new RunModelContext(backend, plan.precision, train.featureCount(), train.outputCount(),
                    train.steps(), train.outputPerStep(), plan.hidden, activations, normalizations, false,
                    plan.architecture.settings());
            layers = plan.architecture.service().build(context);
            Run.initializeParameters(layers, plan, plan.core().integer(CoreKeys.SEED));
            layers.get(0).setInputGradientNeeded(false);
            Loss loss = Loss.named(train.isClassification() ? SoftmaxCrossEntropy.NAME : MeanSquaredError.NAME, backend,
                    plan.precision);
            monitor = new GradientMonitor(layers, backend, Writer.nullWriter(), plan.core().integer(CoreKeys.STATS_INTERVAL));
            timeGradients = new TimeGradientRecorder(layers, dir);
            probe = new HealthProbe(layers, names, plan.core().real(CoreKeys.SATURATION_THRESHOLD));
            training = new TrainingStep(backend, layers, loss, plan.optimizer.service().create(plan.optimizer.settings()),
                    List.of(), timeGradients);
            healthInterval = plan.core().integer(CoreKeys.HEALTH_INTERVAL);
            batches = new Batches(backend, plan.precision, train.featureCount(), train.outputCount());
            int rows = Math.min(plan.core().integer(CoreKeys.BATCH), train.count());
            order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = i;
            }
            batch = batches.load(train, order, 0, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> withDataset(Map<String, String> spec) {
        Map<String, String> out = new java.util.LinkedHashMap<>(spec);
        out.put("dataset", "benchmark");
        return out;
    }

    /** One training step on the batch; returns its loss. */
    public double step() {
        long s = ++step;
        Batches.Batch b = batches.load(train, order, 0, order.length);
        double lossValue = training.forward(b.x, b.y, b.grad);
        if (train.isClassification()) {
            b.correct(training.output(), train);
        }
        boolean sampled = monitor.samples(s);
        boolean check = s == 1 || s % healthInterval == 0;
        try {
            training.backward(b.grad, s, sampled || check, sampled);
            training.penalty();
            String bad = monitor.measureGradients(s);
            if (check && plan.diagnosis != null) {
                if (s == 1) {
                    firstLoss = lossValue;
                }
                HealthSnapshot snapshot = new HealthSnapshot(s, 1, lossValue, firstLoss, bad,
                        probe.measure(monitor.latestLayerGradients()), timeGradients.health(), plan.resolvedSpec(),
                        components.installed());
                plan.diagnosis.service().judge(snapshot, plan.diagnosis.settings());
            }
            training.update(s, 1.0);
            monitor.measureUpdate(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lossValue;
    }

    /** The resolved spec, for the benchmark's log. */
    public Map<String, String> resolvedSpec() {
        return plan.resolvedSpec();
    }

    @Override
    public void close() {
        batches.close();
        monitor.close();
        try {
            timeGradients.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        layers.forEach(Layer::close);
    }

    /** The components by kind and name, and a data set {@code benchmark} that serves the given examples. */
    private static final class Fixed implements ComponentSource {
        private final Map<Class<?>, Map<String, Object>> byType = new java.util.HashMap<>();

        Fixed(Map<Class<?>, Map<String, Object>> components, Examples train) {
            components.forEach((type, named) -> byType.put(type, new java.util.TreeMap<>(named)));
            Dataset data = new Dataset() {
                @Override
                public List<org.gradflow.api.component.ParameterSpec> parameters() {
                    return List.of();
                }

                @Override
                public DataSplits load(org.gradflow.api.component.Settings settings, long seed) {
                    return new DataSplits("benchmark batch", train, train.head(Math.min(1, train.count())));
                }
            };
            byType.computeIfAbsent(Dataset.class, k -> new java.util.TreeMap<>()).put("benchmark", data);
        }

        @Override
        public <T> Found<T> find(Class<T> type, String name) {
            Map<String, Object> named = byType.getOrDefault(type, Map.of());
            Object c = named.get(name);
            if (c == null) {
                throw new UnknownComponentException(ComponentRegistry.kindOf(type.getName()), name, List.copyOf(named.keySet()));
            }
            return new Found<>(type.cast(c), null, ComponentRegistry.kindOf(type.getName()), name, "benchmark");
        }

        @Override
        public <T> Found<T> best(Class<T> type) {
            Map<String, Object> named = byType.getOrDefault(type, Map.of());
            return named.isEmpty() ? null : find(type, named.keySet().iterator().next());
        }

        @Override
        public Set<String> installed() {
            Set<String> out = new TreeSet<>();
            byType.forEach((type, named) -> named.keySet().forEach(n -> out.add(ComponentRegistry.kindOf(type.getName()) + "/" + n)));
            return out;
        }

        @Override
        public void release(Found<?> found) {
        }
    }
}

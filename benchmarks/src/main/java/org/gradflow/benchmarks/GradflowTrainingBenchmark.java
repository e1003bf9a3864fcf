package org.gradflow.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.gradflow.activations.Relu;
import org.gradflow.activations.Sigmoid;
import org.gradflow.activations.Tanh;
import org.gradflow.api.activation.Activation;
import org.gradflow.api.architecture.Architecture;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.health.Diagnosis;
import org.gradflow.api.initializer.Initializer;
import org.gradflow.api.optimizer.Optimizer;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.architectures.Mlp;
import org.gradflow.core.run.BenchmarkRun;
import org.gradflow.diagnosis.Standard;
import org.gradflow.initializers.HeNormal;
import org.gradflow.initializers.XavierNormal;
import org.gradflow.optimizers.Adam;
import org.gradflow.recurrent.Lstm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of a run, as the core's loop does it (see {@link BenchmarkRun}), on the models
 * the Deeplearning4j benchmark trains with the same data ({@link BenchData}):
 * <ul>
 * <li>{@code mlp-relu}: 784-512-512-10, ReLU, He init, softmax cross-entropy, Adam, batch 128, with the
 * default diagnostics (gradient statistics every step, health check every 50);</li>
 * <li>{@code mlp-relu-diagnostics-off}: the same with {@code stats.interval=1000000 diagnosis=none}
 * (only the non-finite check that every run does);</li>
 * <li>{@code mlp-sigmoid}: 784-[256 x 8]-10, sigmoid, Xavier, Adam, batch 128;</li>
 * <li>{@code lstm}: LSTM input 1, hidden 128, T=100, batch 64, last step to one linear output, MSE, Adam.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GradflowTrainingBenchmark {
    @Param({"mlp-relu", "mlp-relu-diagnostics-off", "mlp-sigmoid", "lstm"})
    public String model;

    @Param({"vector", "ojalgo"})
    public String backend;

    @Param({"float32"})
    public String precision;

    /** Threads of the vector backend's products; the run script sets it. */
    @Param({"1"})
    public String threads;

    private Engines.Opened engine;
    private BenchmarkRun run;

    @Setup
    public void setUp() {
        engine = Engines.open(backend, Integer.parseInt(threads));
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("precision", precision);
        spec.put("optimizer", "adam");
        spec.put("seed", "1");
        Examples data;
        switch (model) {
            case "mlp-relu", "mlp-relu-diagnostics-off" -> {
                spec.put("architecture", "mlp");
                spec.put("hidden", "512x2");
                spec.put("activation", "relu");
                spec.put("initializer", "he-normal");
                spec.put("batch", Integer.toString(BenchData.MLP_BATCH));
                if (model.endsWith("diagnostics-off")) {
                    spec.put("stats.interval", "1000000");
                    spec.put("diagnosis", "none");
                }
                data = Examples.classification("benchmark", BenchData.mlpFeatures(), BenchData.MLP_INPUTS,
                        BenchData.mlpLabels(), BenchData.MLP_CLASSES);
            }
            case "mlp-sigmoid" -> {
                spec.put("architecture", "mlp");
                spec.put("hidden", "256x8");
                spec.put("activation", "sigmoid");
                spec.put("initializer", "xavier-normal");
                spec.put("batch", Integer.toString(BenchData.MLP_BATCH));
                data = Examples.classification("benchmark", BenchData.mlpFeatures(), BenchData.MLP_INPUTS,
                        BenchData.mlpLabels(), BenchData.MLP_CLASSES);
            }
            case "lstm" -> {
                spec.put("architecture", "lstm");
                spec.put("hidden", Integer.toString(BenchData.LSTM_HIDDEN));
                spec.put("activation", "tanh");
                spec.put("initializer", "xavier-normal");
                spec.put("batch", Integer.toString(BenchData.LSTM_BATCH));
                data = Examples.regression("benchmark", BenchData.lstmInputs(), BenchData.LSTM_STEPS,
                        BenchData.lstmTargets(), 1).asSequence(BenchData.LSTM_STEPS);
            }
            default -> throw new IllegalArgumentException("model '" + model + "'");
        }
        run = new BenchmarkRun(spec, components(engine.backend()), data);
    }

    private Map<Class<?>, Map<String, Object>> components(ComputeBackend be) {
        return Map.of(
                ComputeBackend.class, Map.of(backend, be),
                Activation.class, Map.of("relu", new Relu(), "sigmoid", new Sigmoid(), "tanh", new Tanh()),
                Initializer.class, Map.of("he-normal", new HeNormal(), "xavier-normal", new XavierNormal()),
                Optimizer.class, Map.of("adam", new Adam()),
                Architecture.class, Map.of("mlp", new Mlp(), "lstm", new Lstm()),
                Diagnosis.class, Map.of("standard", new Standard()));
    }

    @Benchmark
    public double step() {
        return run.step();
    }

    @TearDown
    public void tearDown() {
        run.close();
        engine.close();
    }
}

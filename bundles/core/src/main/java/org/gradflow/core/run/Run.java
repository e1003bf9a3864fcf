package org.gradflow.core.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.gradflow.api.clipper.ClipResult;
import org.gradflow.api.clipper.ClippingRule;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.GradflowException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Examples;
import org.gradflow.api.health.HealthSnapshot;
import org.gradflow.api.health.Verdict;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.optimizer.UpdateRule;
import org.gradflow.api.pretrain.PretrainContext;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.LayerGradientSummary;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunListener;
import org.gradflow.api.run.RunState;
import org.gradflow.api.schedule.ScheduleRule;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.core.catalog.ComponentSource;
import org.gradflow.core.io.Safetensors;
import org.gradflow.core.nn.Loss;
import org.gradflow.core.nn.MeanSquaredError;
import org.gradflow.core.nn.SoftmaxCrossEntropy;
import org.gradflow.core.nn.StepSoftmaxCrossEntropy;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run: loads the data, builds and initializes the network, trains it with mini-batches,
 * evaluates after every epoch, records gradient flow, and writes {@code runs/<id>/}:
 * {@code spec.cfg} (resolved), {@code run.properties} (provenance), {@code metrics.csv},
 * {@code gradients.csv}, {@code model.safetensors} and {@code status.txt}; with recurrent layers also
 * {@code time-gradients.csv} and {@code recurrent-weights.csv}. Whatever ends the run
 * (completion, a stop, an error, a vanished component), the files are closed and the last good
 * parameters saved.
 */
final class Run implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final int EVAL_BATCH = 1000;

    final String id;
    final Path dir;
    private final RunPlan plan;
    private final ComponentSource registry;
    private final List<RunListener> listeners;
    private final Map<String, String> provenance;
    private final List<EpochMetrics> history = new CopyOnWriteArrayList<>();
    private volatile RunState state = RunState.QUEUED;
    private volatile String message = "queued";
    private volatile int epoch;
    private volatile long step;
    private volatile long steps;
    private volatile String stopRequest;
    private volatile String abortReason;
    private volatile GradientMonitor monitor;
    private volatile Verdict verdict;
    private boolean diagnosisBroken;
    /** The training loss of step 1, for the diagnosis's view of the loss trend. */
    private double firstLoss = Double.NaN;
    private static final int MAX_SKIPS_IN_A_ROW = 20;
    private final CountDownLatch done = new CountDownLatch(1);
    private final int epochs;

    Run(String id, Path dir, RunPlan plan, ComponentSource registry, List<RunListener> listeners,
            Map<String, String> provenance) {
        this.id = id;
        this.dir = dir;
        this.plan = plan;
        this.registry = registry;
        this.listeners = listeners;
        this.provenance = provenance;
        this.epochs = plan.core().integer(CoreKeys.EPOCHS);
    }

    RunInfo snapshot() {
        return new RunInfo(id, state, message, epoch, epochs, step, steps, dir.toString(), plan.resolvedSpec(),
                List.copyOf(history));
    }

    RunState state() {
        return state;
    }

    /** Waits until the run has ended (its files closed, its components given back) or the timeout passes. */
    boolean awaitEnd(long timeoutMillis) throws InterruptedException {
        return done.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The user asked to stop: the run ends after its current step. */
    void requestStop() {
        stopRequest = "stopped by the user";
    }

    /** A component the run uses went away: the run ends after its current step, as FAILED. */
    void abort(String reason) {
        abortReason = reason;
    }

    boolean uses(ServiceReference<?> reference) {
        return plan.parts().stream().anyMatch(p -> reference.equals(p.found().reference()));
    }

    /** The latest verdict, or {@code null}. */
    Verdict verdict() {
        return verdict;
    }

    List<LayerGradientSummary> health() {
        GradientMonitor m = monitor;
        return m == null ? List.of() : m.summary();
    }

    @Override
    public void run() {
        List<Layer> layers = new ArrayList<>();
        List<AutoCloseable> closeLater = new ArrayList<>();
        try {
            if (stopRequest != null) {
                finish(RunState.STOPPED, "stopped by the user before it started");
                return;
            }
            state = RunState.RUNNING;
            train(layers, closeLater);
        } catch (GradflowException e) {
            LOG.info("run {} failed: {}", id, e.getMessage(), e);
            saveModel(layers);
            finish(RunState.FAILED, e.getMessage());
        } catch (RuntimeException | IOException | Error e) {
            LOG.error("run {} failed", id, e);
            saveModel(layers);
            finish(RunState.FAILED, "internal error: " + e + " (the stack trace is in the log)");
        } finally {
            for (AutoCloseable c : closeLater) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("run {}: closing {} failed", id, c, e);
                }
            }
            layers.forEach(this::closeQuietly);
            plan.release(registry);
            for (RunListener l : listeners) {
                try {
                    l.runFinished(snapshot());
                } catch (RuntimeException e) {
                    LOG.warn("run listener failed", e);
                }
            }
            done.countDown(); // after the listeners, so whoever awaits the run sees what they wrote (report.html)
        }
    }

    private void closeQuietly(Layer layer) {
        try {
            layer.close();
        } catch (RuntimeException e) {
            LOG.warn("run {}: closing layer {} failed", id, layer.name(), e);
        }
    }

    private void train(List<Layer> layers, List<AutoCloseable> closeLater) throws IOException {
        long seed = plan.core().integer(CoreKeys.SEED);
        message = "loading data";
        DataSplits data = plan.dataset.service().load(plan.dataset.settings(), seed);
        say("data: " + data.description() + " (" + data.train().count() + " training, " + data.test().count()
                + " test examples)");
        provenance.put("data", data.description());
        Examples unlabelled = data.train();
        Examples train = labelledSubset(unlabelled, plan.core().integer(CoreKeys.LABELLED));
        Examples test = data.test();
        String lossName = plan.core().text(CoreKeys.LOSS);
        if (lossName.equals("auto")) {
            lossName = train.isClassification() || oneHotPerStep(train) ? SoftmaxCrossEntropy.NAME : MeanSquaredError.NAME;
        }
        boolean perStep = !train.isClassification() && train.outputPerStep() && lossName.equals(SoftmaxCrossEntropy.NAME);
        if (lossName.equals(SoftmaxCrossEntropy.NAME) && !train.isClassification() && !perStep) {
            throw new ConfigurationException("loss=softmax-cross-entropy needs class labels, or one-hot targets per time "
                    + "step, but data set " + plan.dataset.found().name() + " is a regression set; use loss=mse");
        }
        ComputeBackend backend = plan.backend.service();
        Precision precision = plan.precision;
        say("backend: " + plan.backend.found().name() + " (" + plan.backend.found().bundle() + "), "
                + precision.name().toLowerCase(Locale.ROOT));

        List<RunModelContext.ActivationChoice> activations = new ArrayList<>();
        Map<org.gradflow.api.activation.ActivationFunction, String> activationNames = new java.util.IdentityHashMap<>();
        List<RunModelContext.NormalizationChoice> normalizations = new ArrayList<>();
        for (int i = 1; i <= plan.hidden.size(); i++) {
            RunPlan.Part<org.gradflow.api.activation.Activation> a = plan.activationOverrides.getOrDefault(i, plan.activation);
            activations.add(new RunModelContext.ActivationChoice(a.service(), a.settings(), a.service().create(a.settings())));
            activationNames.put(activations.get(activations.size() - 1).function(), a.found().name());
            RunPlan.Part<org.gradflow.api.normalization.Normalization> n = plan.normalizationOverrides.containsKey(i)
                    ? plan.normalizationOverrides.get(i) : plan.normalization;
            normalizations.add(n == null ? null : new RunModelContext.NormalizationChoice(n.service(), n.settings()));
        }
        RunModelContext context = new RunModelContext(backend, precision, train.featureCount(), train.outputCount(),
                train.steps(), train.outputPerStep(),
                plan.hidden, activations, normalizations,
                plan.core().text(CoreKeys.NORMALIZATION_POSITION).equals("before"), plan.architecture.settings());

        List<RegularizationRule> regularization = new ArrayList<>();
        for (RunPlan.Part<org.gradflow.api.regularizer.Regularizer> r : plan.regularizers) {
            RegularizationRule rule = r.service().create(r.settings());
            closeLater.add(rule::close);
            regularization.add(rule);
        }
        List<Layer> built = plan.architecture.service().build(context);
        checkShapes(built, train);
        initialize(built, seed);
        freeze(built, plan.core().text(CoreKeys.FREEZE));
        Writer metricsCsv = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        closeLater.add(metricsCsv);
        metricsCsv.write("phase,epoch,train_loss,train_accuracy,test_loss,test_accuracy,penalty,seconds,ms_per_step,clip_rate\n");
        if (plan.pretrainer != null) {
            pretrain(built, context, unlabelled, seed, metricsCsv);
        }
        layers.addAll(withRegularizerLayers(built, regularization, context, seed));
        layers.get(0).setInputGradientNeeded(false);

        UpdateRule update = plan.optimizer.service().create(plan.optimizer.settings());
        closeLater.add(update::close);
        ClippingRule clipping = plan.clipper == null ? null : plan.clipper.service().create(plan.clipper.settings());
        if (clipping != null) {
            closeLater.add(clipping::close);
        }
        StepSoftmaxCrossEntropy stepLoss = perStep ? new StepSoftmaxCrossEntropy(backend, precision, train.steps()) : null;
        Loss loss = perStep ? stepLoss : Loss.named(lossName, backend, precision);
        closeLater.add(loss);
        Accuracy accuracy = perStep ? (out, b, ex) -> stepLoss.correctSteps(out, b.y) : (out, b, ex) -> b.correct(out, ex);
        say("loss: " + lossName + (perStep ? " per time step (" + train.steps() + " steps)" : ""));

        writeProvenance(layers);
        Writer clippingCsv = null;
        if (clipping != null) {
            clippingCsv = Files.newBufferedWriter(dir.resolve("clipping.csv"), StandardCharsets.UTF_8);
            closeLater.add(clippingCsv);
            clippingCsv.write("step,norm_before,clipped\n");
        }
        monitor = new GradientMonitor(layers, backend, Files.newBufferedWriter(dir.resolve("gradients.csv"),
                StandardCharsets.UTF_8), plan.core().integer(CoreKeys.STATS_INTERVAL));
        closeLater.add(monitor);
        TimeGradientRecorder timeGradients = new TimeGradientRecorder(layers, dir);
        closeLater.add(timeGradients);
        timeGradients.recordWeights(0);
        TrainingStep training = new TrainingStep(backend, layers, loss, update, regularization, timeGradients);
        HealthProbe probe = new HealthProbe(layers, activationNames, plan.core().real(CoreKeys.SATURATION_THRESHOLD));
        VerdictLog verdicts = plan.diagnosis == null ? null : new VerdictLog(dir.resolve("verdicts.csv"));
        if (verdicts != null) {
            closeLater.add(verdicts);
        }
        int healthInterval = plan.core().integer(CoreKeys.HEALTH_INTERVAL);
        boolean skipNonFinite = plan.core().text(CoreKeys.ON_NONFINITE).equals("skip");
        int skipsInARow = 0;
        long skipped = 0;
        Batches batches = new Batches(backend, precision, train.featureCount(), train.outputCount());
        closeLater.add(batches);

        int batchSize = plan.core().integer(CoreKeys.BATCH);
        int n = train.count();
        long stepsPerEpoch = (n + batchSize - 1) / batchSize;
        steps = stepsPerEpoch * epochs;
        ScheduleRule schedule = plan.schedule == null ? step -> 1.0
                : plan.schedule.service().create(plan.schedule.settings(), stepsPerEpoch, steps);
        int warmup = plan.core().integer(CoreKeys.WARMUP_STEPS);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random shuffleRandom = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        boolean shuffle = plan.core().flag(CoreKeys.SHUFFLE);
        message = "training";
        for (epoch = 1; epoch <= epochs; epoch++) {
            if (shuffle) {
                for (int i = n - 1; i > 0; i--) {
                    int j = shuffleRandom.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            long t0 = System.nanoTime();
            double lossSum = 0;
            double penaltySum = 0;
            long correct = 0;
            long clipped = 0;
            long counted = 0;
            for (int start = 0; start < n; start += batchSize) {
                checkInterruptions();
                int rows = Math.min(batchSize, n - start);
                Batches.Batch b = batches.load(train, order, start, rows);
                long s = step + 1;
                double lossValue = training.forward(b.x, b.y, b.grad);
                long right = accuracy.correct(training.output(), b, train);
                boolean sampled = monitor.samples(s);
                boolean check = s == 1 || s % healthInterval == 0 || start + rows >= n;
                training.backward(b.grad, s, sampled || check, sampled);
                double penalty = training.penalty();
                String badGradient = monitor.measureGradients(s);
                boolean bad = !Double.isFinite(lossValue) || badGradient != null;
                if (check || bad) {
                    judge(s, lossValue, badGradient, probe, timeGradients, verdicts);
                }
                if (bad) {
                    String what = String.format(Locale.ROOT, "the loss is %s%s", lossValue, badGradient == null ? ""
                            : "; the first non-finite gradient is in " + badGradient);
                    if (!skipNonFinite || ++skipsInARow >= MAX_SKIPS_IN_A_ROW) {
                        throw new GradflowException(String.format(Locale.ROOT,
                                "diverged at epoch %d, step %d: %s%s. The parameters of the last good step are saved. "
                                        + "Lower optimizer.lr, or clip gradients (clipper=...).", epoch, s, what,
                                skipNonFinite ? " (" + MAX_SKIPS_IN_A_ROW + " steps in a row skipped)" : ""));
                    }
                    skipped++;
                    say(String.format(Locale.ROOT, "step %d skipped (on-nonfinite=skip): %s", s, what));
                    step = s;
                    continue;
                }
                skipsInARow = 0;
                if (clipping != null) {
                    ClipResult clip = clipping.clip(training.trainable());
                    clipped += clip.clipped() ? 1 : 0;
                    clippingCsv.write(String.format(Locale.ROOT, "%d,%.6e,%d%n", s, clip.normBefore(), clip.clipped() ? 1 : 0));
                }
                double lrFactor = schedule.factor(s) * (warmup == 0 ? 1.0 : Math.min(1.0, (double) s / warmup));
                if (!(lrFactor >= 0) || Double.isInfinite(lrFactor)) {
                    throw new GradflowException("schedule " + plan.schedule.found().name() + " gave the learning-rate factor "
                            + lrFactor + " at step " + s + "; a factor must be finite and >= 0");
                }
                training.update(s, lrFactor);
                monitor.measureUpdate(s);
                step = s;
                correct += right;
                counted += rows;
                lossSum += lossValue * rows;
                penaltySum += penalty;
            }
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            double[] eval = evaluate(layers, loss, accuracy, batches, test);
            if (!Double.isFinite(eval[0]) && test.count() > 0) {
                throw new GradflowException(String.format(Locale.ROOT, "diverged at evaluation after epoch %d: the test "
                        + "loss is %s (the outputs overflow on the test data)%s. The parameters of the last step are saved. "
                        + "Lower optimizer.lr, or clip gradients (clipper=...).", epoch, eval[0], skipped == 0
                                ? " although every training step was finite"
                                : "; " + skipped + " training steps were skipped for non-finite values so far"));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochMetrics m = new EpochMetrics(epoch, lossSum / counted,
                    train.isClassification() || perStep ? (double) correct / (counted * (perStep ? train.steps() : 1))
                            : Double.NaN, eval[0], eval[1],
                    penaltySum / stepsPerEpoch, seconds, trainSeconds * 1000 / stepsPerEpoch,
                    clipping == null ? Double.NaN : (double) clipped / stepsPerEpoch);
            history.add(m);
            metricsCsv.write(String.format(Locale.ROOT, "train,%d,%s,%.6f,%s,%.6f,%.6e,%.3f,%.3f,%.4f%n", m.epoch(),
                    loss(m.trainLoss()), m.trainAccuracy(), loss(m.testLoss()), m.testAccuracy(), m.penalty(), m.seconds(),
                    m.msPerStep(), m.clipRate()));
            metricsCsv.flush();
            if (clippingCsv != null) {
                clippingCsv.flush();
            }
            monitor.endEpoch();
            timeGradients.recordWeights(step);
            timeGradients.flush();
            if (verdicts != null) {
                verdicts.flush();
            }
            for (RunListener l : listeners) {
                try {
                    l.epochFinished(snapshot(), m);
                } catch (RuntimeException e) {
                    LOG.warn("run listener failed", e);
                }
            }
            timeGradients.summary().forEach(this::say);
        }
        epoch = epochs;
        saveModel(layers);
        EpochMetrics last = history.get(history.size() - 1);
        String clip = "";
        if (clipping != null) {
            double rate = history.stream().mapToDouble(EpochMetrics::clipRate).average().orElse(0);
            clip = String.format(Locale.ROOT, "; clipper %s fired on %.1f%% of steps", plan.clipper.found().name(), 100 * rate);
        }
        if (skipped > 0) {
            clip += String.format(Locale.ROOT, "; %d steps skipped for non-finite values", skipped);
        }
        finish(RunState.COMPLETED, (train.isClassification() || perStep
                ? String.format(Locale.ROOT, "test accuracy %.4f, test loss %.4f", last.testAccuracy(), last.testLoss())
                : String.format(Locale.ROOT, "test loss %.6f", last.testLoss())) + clip);
    }

    /**
     * Greedy layer-wise pre-training before back-propagation: the pre-trainer trains the hidden layers
     * in turn on the unlabelled training inputs; each of its epochs is a {@code pretrain-<layer>} row of
     * {@code metrics.csv} whose {@code train_loss} is the mean reconstruction loss.
     */
    private void pretrain(List<Layer> built, RunModelContext factory, Examples train, long seed, Writer metricsCsv) {
        String name = plan.pretrainer.found().name();
        message = "pre-training (" + name + ")";
        Random random = new Random(mix(seed ^ 0x5DEECE66DL));
        PretrainContext context = new PretrainContext() {
            private long started = System.nanoTime();

            @Override
            public org.gradflow.api.tensor.ComputeBackend backend() {
                return factory.backend();
            }

            @Override
            public Precision precision() {
                return factory.precision();
            }

            @Override
            public Layer dense(String layerName, int in, int out, org.gradflow.api.activation.ActivationFunction f) {
                return factory.dense(layerName, in, out, f);
            }

            @Override
            public List<Layer> layers() {
                return List.copyOf(built);
            }

            @Override
            public Examples inputs() {
                return train;
            }

            @Override
            public org.gradflow.api.component.Settings settings() {
                return plan.pretrainer.settings();
            }

            @Override
            public Random random() {
                return random;
            }

            @Override
            public boolean cancelled() {
                return stopRequest != null || abortReason != null;
            }

            @Override
            public void report(int layerIndex, int pretrainEpoch, double reconstructionLoss) {
                if (layerIndex < 1 || layerIndex > built.size()) {
                    throw new IllegalArgumentException("pre-trainer " + name + " reported layer " + layerIndex
                            + " of a network of " + built.size());
                }
                String layer = built.get(layerIndex - 1).name();
                double seconds = (System.nanoTime() - started) / 1e9;
                started = System.nanoTime();
                try {
                    metricsCsv.write(String.format(Locale.ROOT, "pretrain-%s,%d,%.6f,NaN,NaN,NaN,NaN,%.3f,NaN,NaN%n",
                            layer, pretrainEpoch, reconstructionLoss, seconds));
                    metricsCsv.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                say(String.format(Locale.ROOT, "pre-training %s with %s: epoch %d, reconstruction loss %.6f", layer, name,
                        pretrainEpoch, reconstructionLoss));
                if (!Double.isFinite(reconstructionLoss)) {
                    throw new GradflowException("pre-training " + layer + " with " + name + " diverged at epoch "
                            + pretrainEpoch + " (reconstruction loss " + reconstructionLoss + "); lower pretrain.learning-rate");
                }
            }
        };
        plan.pretrainer.service().pretrain(context);
        checkInterruptions();
        say("pre-training with " + name + " done; fine-tuning the whole network with back-propagation");
    }

    /**
     * A health check: measures the layers and the gradient through time, asks the diagnosis for a
     * verdict, logs it to {@code verdicts.csv}, and says it when the condition changed. A diagnosis that
     * throws is switched off for the rest of the run, with a message; it never fails the run.
     */
    private void judge(long s, double lossValue, String firstBad, HealthProbe probe, TimeGradientRecorder time,
            VerdictLog log) throws IOException {
        if (plan.diagnosis == null || diagnosisBroken) {
            return;
        }
        Verdict v;
        try {
            if (s == 1) {
                firstLoss = lossValue;
            }
            HealthSnapshot snapshot = new HealthSnapshot(s, epoch, lossValue, firstLoss, firstBad,
                    probe.measure(monitor.latestLayerGradients()), time.health(), plan.resolvedSpec(), registry.installed());
            v = plan.diagnosis.service().judge(snapshot, plan.diagnosis.settings());
            if (v == null) {
                throw new IllegalStateException("it returned no verdict");
            }
        } catch (RuntimeException e) {
            diagnosisBroken = true;
            LOG.warn("run {}: diagnosis {} failed", id, plan.diagnosis.found().name(), e);
            say("diagnosis " + plan.diagnosis.found().name() + " failed (" + e + "); the run goes on without verdicts");
            return;
        }
        log.write(epoch, v);
        Verdict before = verdict;
        verdict = v;
        if (before == null || before.condition() != v.condition()) {
            say("verdict at step " + s + ": " + v.text());
        }
    }

    /** Freezes the layers {@code spec} names: 1-based positions or layer names, comma-separated. */
    private void freeze(List<Layer> layers, String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        List<String> frozen = new ArrayList<>();
        for (String token : spec.split(",")) {
            String t = token.strip();
            Layer layer = null;
            if (t.matches("\\d+")) {
                int index = Integer.parseInt(t);
                layer = index >= 1 && index <= layers.size() ? layers.get(index - 1) : null;
            } else {
                layer = layers.stream().filter(l -> l.name().equals(t)).findFirst().orElse(null);
            }
            if (layer == null) {
                throw new ConfigurationException("freeze=" + spec + ": no layer '" + t + "'; the network's layers are "
                        + layers.stream().map(Layer::name).toList() + " (positions 1.." + layers.size() + ")");
            }
            layer.parameters().forEach(p -> p.setFrozen(true));
            frozen.add(layer.name());
        }
        say("frozen layers: " + String.join(", ", frozen) + " (their parameters stay as initialized or loaded)");
    }

    /** Inserts each regularizer's layers (dropout) after every layer but the last. */
    private static List<Layer> withRegularizerLayers(List<Layer> built, List<RegularizationRule> rules,
            RunModelContext factory, long seed) {
        List<Layer> out = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            Layer layer = built.get(i);
            out.add(layer);
            if (i == built.size() - 1) {
                break;
            }
            for (int r = 0; r < rules.size(); r++) {
                long layerSeed = mix(mix(seed) + 0x9E3779B97F4A7C15L * (1 + 64L * i + r));
                Layer extra = rules.get(r).layerAfter(layer, layer.outputSize(), factory, layerSeed);
                if (extra != null) {
                    out.add(extra);
                }
            }
        }
        return out;
    }

    /** SplitMix64's finalizer: neighbouring inputs give unrelated outputs (seeds of nearby runs and layers). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void checkInterruptions() {
        if (abortReason != null) {
            throw new GradflowException(abortReason + "; the run stopped at epoch " + epoch + ", step " + step
                    + ", and its files in " + dir + " are intact (model.safetensors holds the last parameters)");
        }
        if (stopRequest != null) {
            throw new StopRequested();
        }
    }

    /** Thrown inside the loop to unwind a user stop; handled as STOPPED, not as a failure. */
    private static final class StopRequested extends GradflowException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stopped by the user");
        }
    }

    private static Tensor forward(List<Layer> layers, Tensor x, boolean training) {
        Tensor h = x;
        for (Layer l : layers) {
            h = l.forward(h, training);
        }
        return h;
    }

    /** Mean test loss and accuracy (NaN for regression), in batches of {@link #EVAL_BATCH}. */
    /**
     * The first {@code n} training examples whose labels training may use, {@code n / classes} per class
     * (the earliest of each; the remainder goes to the lowest classes), or all when {@code n} is 0.
     */
    private Examples labelledSubset(Examples all, int n) {
        if (n == 0) {
            return all;
        }
        if (n > all.count()) {
            throw new ConfigurationException("labelled=" + n + " but the data set has only " + all.count()
                    + " training examples; lower labelled or raise the data set's limit");
        }
        int[] rows = new int[n];
        if (!all.isClassification()) {
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
        } else {
            int classes = all.classCount();
            int[] quota = new int[classes];
            for (int c = 0; c < classes; c++) {
                quota[c] = n / classes + (c < n % classes ? 1 : 0);
            }
            int k = 0;
            for (int i = 0; i < all.count() && k < n; i++) {
                int label = all.labels()[i];
                if (quota[label] > 0) {
                    quota[label]--;
                    rows[k++] = i;
                }
            }
            if (k < n) {
                throw new ConfigurationException("labelled=" + n + ": the training data has too few examples of some "
                        + "class to take " + n / classes + " of each; lower labelled");
            }
            java.util.Arrays.sort(rows);
        }
        say("training with the labels of " + n + " examples" + (all.isClassification() ? ", balanced over the classes" : "")
                + "; the other " + (all.count() - n) + " training inputs serve pre-training only");
        return all.subset(rows);
    }

    /** A loss for metrics.csv: fixed-point where that is readable, scientific for huge or tiny values. */
    static String loss(double v) {
        double a = Math.abs(v);
        return a != 0 && Double.isFinite(v) && (a >= 1e6 || a < 1e-4) ? String.format(Locale.ROOT, "%.6e", v)
                : String.format(Locale.ROOT, "%.6f", v);
    }

    /** How many predictions of a batch are right: examples for class labels, steps for a target per step. */
    @FunctionalInterface
    private interface Accuracy {
        long correct(Tensor output, Batches.Batch batch, Examples examples);
    }

    /** Whether every step of every target is one-hot: a class per step, as in the copy task. */
    private static boolean oneHotPerStep(Examples ex) {
        if (ex.isClassification() || !ex.outputPerStep() || ex.targetCount() / ex.steps() < 2) {
            return false;
        }
        float[] t = ex.targets();
        int k = ex.targetCount() / ex.steps();
        for (int block = 0; block < t.length; block += k) {
            int ones = 0;
            for (int j = 0; j < k; j++) {
                float v = t[block + j];
                if (v == 1) {
                    ones++;
                } else if (v != 0) {
                    return false;
                }
            }
            if (ones != 1) {
                return false;
            }
        }
        return true;
    }

    private double[] evaluate(List<Layer> layers, Loss loss, Accuracy accuracy, Batches batches, Examples test) {
        double lossSum = 0;
        long correct = 0;
        int n = test.count();
        for (int start = 0; start < n; start += EVAL_BATCH) {
            int rows = Math.min(EVAL_BATCH, n - start);
            Batches.Batch b = batches.load(test, null, start, rows);
            Tensor out = forward(layers, b.x, false);
            lossSum += loss.value(out, b.y) * rows;
            correct += accuracy.correct(out, b, test);
        }
        boolean perStep = loss instanceof StepSoftmaxCrossEntropy;
        return new double[] {n == 0 ? Double.NaN : lossSum / n, (test.isClassification() || perStep) && n > 0
                ? (double) correct / ((long) n * (perStep ? test.steps() : 1)) : Double.NaN};
    }

    private void checkShapes(List<Layer> layers, Examples train) {
        String arch = "architecture " + plan.architecture.found().name();
        if (layers.isEmpty()) {
            throw new ConfigurationException(arch + " built no layers");
        }
        if (layers.get(0).inputSize() != train.featureCount()) {
            throw new ConfigurationException(arch + ": the first layer takes " + layers.get(0).inputSize()
                    + " inputs but the data has " + train.featureCount() + " features");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputSize() != layers.get(i - 1).outputSize()) {
                throw new ConfigurationException(arch + ": layer " + layers.get(i).name() + " takes "
                        + layers.get(i).inputSize() + " inputs but " + layers.get(i - 1).name() + " gives "
                        + layers.get(i - 1).outputSize());
            }
        }
        Layer last = layers.get(layers.size() - 1);
        if (last.outputSize() != train.outputCount()) {
            throw new ConfigurationException(arch + ": the last layer gives " + last.outputSize() + " outputs but the data has "
                    + train.outputCount() + (train.isClassification() ? " classes" : " targets"));
        }
    }

    private void initialize(List<Layer> layers, long seed) {
        initializeParameters(layers, plan, seed);
        String from = plan.core().text(CoreKeys.INIT_FROM);
        if (from != null && !from.isBlank()) {
            Path file = Path.of(from);
            Map<String, Safetensors.Entry> saved = Safetensors.read(file);
            for (Layer layer : layers) {
                for (Parameter p : layer.parameters()) {
                    String key = layer.name() + "." + p.name();
                    Safetensors.Entry e = saved.get(key);
                    if (e == null) {
                        throw new ConfigurationException("init.from=" + from + " has no tensor '" + key + "'; it holds "
                                + saved.keySet() + ". Start from a checkpoint of the same architecture.");
                    }
                    if (e.values().length != p.value().size()) {
                        throw new ConfigurationException("init.from=" + from + ": tensor '" + key + "' has shape "
                                + java.util.Arrays.toString(e.shape()) + " but the network needs [" + p.value().rows()
                                + ", " + p.value().cols() + "]");
                    }
                    p.value().backend().upload(e.values(), 0, p.value());
                }
                for (Map.Entry<String, Tensor> b : layer.buffers().entrySet()) {
                    Safetensors.Entry e = saved.get(layer.name() + "." + b.getKey());
                    if (e != null && e.values().length == b.getValue().size()) {
                        b.getValue().backend().upload(e.values(), 0, b.getValue());
                    }
                }
            }
            say("parameters loaded from " + from);
        }
    }

    /**
     * Draws every weight matrix from the plan's initializer (one generator seeded with {@code seed}, in
     * network order) and sets every bias to {@code bias-init}; self-initialized parameters keep their values.
     */
    static void initializeParameters(List<Layer> layers, RunPlan plan, long seed) {
        Random random = new Random(seed);
        double biasInit = plan.core().real(CoreKeys.BIAS_INIT);
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                Tensor v = p.value();
                if (p.role() == Parameter.Role.WEIGHT) {
                    double[] w = new double[(int) v.size()];
                    plan.initializer.service().fill(w, v.rows(), v.cols(), plan.initializer.settings(), random);
                    v.backend().upload(w, 0, v);
                } else if (p.role() == Parameter.Role.BIAS) {
                    v.backend().fill(v, biasInit);
                }
            }
        }
    }

    /** Saves the parameters to model.safetensors; never throws (a failure is logged and said). */
    private void saveModel(List<Layer> layers) {
        if (layers.isEmpty()) {
            return;
        }
        try {
            List<Safetensors.Entry> entries = new ArrayList<>();
            for (Layer layer : layers) {
                for (Parameter p : layer.parameters()) {
                    Tensor v = p.value();
                    double[] values = new double[(int) v.size()];
                    v.backend().download(v, values, 0);
                    int[] shape = p.role() == Parameter.Role.BIAS && v.rows() == 1 ? new int[] {v.cols()}
                            : new int[] {v.rows(), v.cols()};
                    entries.add(new Safetensors.Entry(layer.name() + "." + p.name(), shape, values));
                }
                for (Map.Entry<String, Tensor> b : layer.buffers().entrySet()) {
                    Tensor v = b.getValue();
                    double[] values = new double[(int) v.size()];
                    v.backend().download(v, values, 0);
                    int[] shape = v.rows() == 1 ? new int[] {v.cols()} : new int[] {v.rows(), v.cols()};
                    entries.add(new Safetensors.Entry(layer.name() + "." + b.getKey(), shape, values));
                }
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("format", "pt");
            meta.put("gradflow.run", id);
            meta.put("gradflow.spec", org.gradflow.api.run.RunSpec.of(plan.resolvedSpec()).toText());
            Safetensors.write(dir.resolve("model.safetensors"), entries, meta, plan.precision == Precision.FLOAT32);
        } catch (IOException | RuntimeException e) {
            LOG.error("run {}: saving the model failed", id, e);
            say("warning: the model could not be saved: " + e.getMessage());
        }
    }

    private void writeProvenance(List<Layer> layers) throws IOException {
        long parameterCount = 0;
        for (Layer l : layers) {
            for (Parameter p : l.parameters()) {
                parameterCount += p.value().size();
            }
        }
        provenance.put("parameters", Long.toString(parameterCount));
        StringBuilder sb = new StringBuilder("# Provenance of run " + id + ": what ran, where, with which bundles.\n");
        provenance.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ")).append('\n'));
        Files.writeString(dir.resolve("run.properties"), sb.toString(), StandardCharsets.UTF_8);
    }

    private void say(String text) {
        message = text;
        LOG.info("run {}: {}", id, text);
        for (RunListener l : listeners) {
            try {
                l.message(snapshot(), text);
            } catch (RuntimeException e) {
                LOG.warn("run listener failed", e);
            }
        }
    }

    private void finish(RunState finalState, String text) {
        if (finalState == RunState.FAILED && stopRequest != null && abortReason == null) {
            finalState = RunState.STOPPED;
            text = "stopped by the user at epoch " + epoch + ", step " + step + "; files in " + dir;
        }
        message = text;
        state = finalState;
        try {
            Files.writeString(dir.resolve("status.txt"), "state=" + finalState + "\nmessage=" + text.replace("\n", " ")
                    + "\nfinished=" + Instant.now() + "\nstep=" + step + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.error("run {}: cannot write status.txt", id, e);
        }
    }
}

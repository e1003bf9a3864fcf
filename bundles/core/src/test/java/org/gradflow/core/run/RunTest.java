package org.gradflow.core.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.UnknownComponentException;
import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunListener;
import org.gradflow.api.run.RunSpec;
import org.gradflow.api.run.RunState;
import org.gradflow.core.io.Safetensors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Whole training runs on the reference backend with stand-in components. */
public class RunTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String BASE = "dataset=blobs architecture=mlp hidden=6x2 activation=tanh initializer=uniform "
            + "optimizer=sgd epochs=3 batch=16 seed=5";

    private RunInfo train(String spec, List<String> said) throws IOException {
        return run(spec, new TestComponents(), said).snapshot();
    }

    /** Runs {@code spec} to its end with {@code components}, collecting what it says; checks every component is given back. */
    private Run run(String spec, TestComponents components, List<String> said) throws IOException {
        RunPlan plan = RunPlan.resolve(RunSpec.fromArguments(List.of(spec.split(" "))), components);
        Path dir = tmp.newFolder().toPath();
        RunListener listener = new RunListener() {
            @Override
            public void message(RunInfo run, String text) {
                said.add(text);
            }
        };
        Run run = new Run("run-test", dir, plan, components, List.of(listener), new LinkedHashMap<>());
        run.run();
        assertEquals("every component is given back", plan.parts().size(), components.released.size());
        return run;
    }

    private RunInfo train(String spec) throws IOException {
        return train(spec, new ArrayList<>());
    }

    @Test
    public void lossFallsAndFilesAreWritten() throws IOException {
        RunInfo info = train(BASE);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        List<EpochMetrics> h = info.history();
        assertEquals(3, h.size());
        assertTrue("loss falls: " + h, h.get(2).trainLoss() < h.get(0).trainLoss());
        assertTrue("learns the blobs: " + h, h.get(2).testAccuracy() > 0.8);
        Path dir = Path.of(info.directory());
        List<String> grads = Files.readAllLines(dir.resolve("gradients.csv"));
        assertEquals(GradientMonitor.CSV_HEADER, grads.get(0));
        // 200 examples / 16 = 13 steps per epoch, 3 epochs: 39 steps, of which the default stats.interval=10
        // samples 1, 10, 20 and 30; 3 layers x 2 parameters
        assertEquals(1 + 4 * 6, grads.size());
        assertTrue(grads.get(1).startsWith("1,fc1,weight,"));
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.csv")).size());
        assertTrue(Files.readString(dir.resolve("status.txt")).contains("state=COMPLETED"));
        Map<String, Safetensors.Entry> model = Safetensors.read(dir.resolve("model.safetensors"));
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
                new ArrayList<>(model.keySet()));
        assertEquals(List.of(6, 4), List.of(model.get("fc1.weight").shape()[0], model.get("fc1.weight").shape()[1]));
        assertEquals(1, model.get("fc1.bias").shape().length);
    }

    @Test
    public void clippingIsRecordedPerStepAndAsARate() throws IOException {
        RunInfo halved = train(BASE + " clipper=halve");
        assertEquals(halved.message(), RunState.COMPLETED, halved.state());
        List<String> rows = Files.readAllLines(Path.of(halved.directory(), "clipping.csv"));
        assertEquals("step,norm_before,clipped", rows.get(0));
        assertEquals(1 + 13 * 3, rows.size());
        assertTrue(rows.get(1), rows.get(1).startsWith("1,") && rows.get(1).endsWith(",1"));
        assertEquals(1.0, halved.history().get(0).clipRate(), 0);
        assertTrue(halved.message(), halved.message().endsWith("; clipper halve fired on 100.0% of steps"));
        RunInfo never = train(BASE + " clipper=never");
        assertEquals(0.0, never.history().get(2).clipRate(), 0);
        assertTrue(Double.isNaN(train(BASE).history().get(0).clipRate()));
        assertTrue(Files.readAllLines(Path.of(halved.directory(), "metrics.csv")).get(0).endsWith(",clip_rate"));
    }

    @Test
    public void perLayerActivationOverridesTheDefault() throws IOException {
        RunInfo plain = train(BASE);
        RunInfo mixed = train(BASE + " layer.2.activation=sigmoid");
        assertEquals(mixed.message(), RunState.COMPLETED, mixed.state());
        assertEquals("sigmoid", mixed.spec().get("layer.2.activation"));
        assertEquals("tanh", mixed.spec().get("activation"));
        assertFalse("layer 2 computes differently", Files.readString(Path.of(plain.directory(), "gradients.csv"))
                .equals(Files.readString(Path.of(mixed.directory(), "gradients.csv"))));
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " layer.3.activation=sigmoid").split(" "))), new TestComponents());
            fail();
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no hidden layer 3") && e.getMessage().contains("1..2"));
        }
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " layer.1.activation=mish").split(" "))), new TestComponents());
            fail();
        } catch (UnknownComponentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("sigmoid, tanh"));
        }
    }

    @Test
    public void scheduleAndWarmupScaleTheLearningRate() throws IOException {
        RunInfo frozen = train(BASE + " schedule=zero");
        List<EpochMetrics> h = frozen.history();
        assertEquals("a zero factor leaves the model as initialized", h.get(0).testLoss(), h.get(2).testLoss(), 0);
        // SGD's first step is linear in the learning rate: warmup over 10 steps makes it exactly 1/10
        String plain = Files.readAllLines(Path.of(train(BASE).directory(), "gradients.csv")).get(1);
        String warm = Files.readAllLines(Path.of(train(BASE + " warmup-steps=10").directory(), "gradients.csv")).get(1);
        double ratioPlain = Double.parseDouble(plain.split(",")[7]);
        double ratioWarm = Double.parseDouble(warm.split(",")[7]);
        assertEquals(0.1, ratioWarm / ratioPlain, 1e-5);
        RunInfo broken = train(BASE + " schedule=broken");
        assertEquals(RunState.FAILED, broken.state());
        assertTrue(broken.message(), broken.message().contains("schedule broken gave the learning-rate factor NaN at step 1"));
    }

    @Test
    public void normalizationWrapsHiddenLayersWithPerLayerNone() throws IOException {
        for (String position : List.of("before", "after")) {
            RunInfo info = train(BASE + " normalization=unit-norm normalization-position=" + position + " layer.2.normalization=none");
            assertEquals(info.message(), RunState.COMPLETED, info.state());
            assertEquals("none", info.spec().get("layer.2.normalization"));
            assertTrue("learns: " + info.history(), info.history().get(2).testAccuracy() > 0.8);
        }
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " normalization=batch-norm").split(" "))), new TestComponents());
            fail();
        } catch (UnknownComponentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown normalization 'batch-norm'") && e.getMessage().contains("unit-norm"));
        }
    }

    @Test
    public void frozenLayersKeepTheirParameters() throws IOException {
        List<String> said = new ArrayList<>();
        RunInfo info = train(BASE + " freeze=1,fc2 stats.interval=1", said);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        assertTrue(said.toString(), said.contains("frozen layers: fc1, fc2 (their parameters stay as initialized or loaded)"));
        for (String row : Files.readAllLines(Path.of(info.directory(), "gradients.csv")).subList(1, 40)) {
            String[] f = row.split(",");
            double updateRatio = Double.parseDouble(f[7]);
            if (f[1].equals("fc3")) {
                assertTrue(row, updateRatio > 0);
            } else {
                assertEquals(row, 0.0, updateRatio, 0);
            }
        }
        RunInfo bad = train(BASE + " freeze=4");
        assertEquals(RunState.FAILED, bad.state());
        assertTrue(bad.message(), bad.message().contains("freeze=4: no layer '4'") && bad.message().contains("[fc1, fc2, fc3]"));
    }

    @Test
    public void sameSeedGivesIdenticalGradients() throws IOException {
        RunInfo a = train(BASE);
        RunInfo b = train(BASE);
        RunInfo c = train(BASE.replace("seed=5", "seed=6"));
        String ga = Files.readString(Path.of(a.directory(), "gradients.csv"));
        assertEquals(ga, Files.readString(Path.of(b.directory(), "gradients.csv")));
        assertFalse(ga.equals(Files.readString(Path.of(c.directory(), "gradients.csv"))));
    }

    @Test
    public void resolvedSpecHasEveryDefault() {
        RunPlan plan = RunPlan.resolve(RunSpec.fromArguments(List.of(BASE.split(" "))), new TestComponents());
        Map<String, String> r = plan.resolvedSpec();
        assertEquals("0.1", r.get("optimizer.lr"));
        assertEquals("200", r.get("dataset.count"));
        assertEquals("true", r.get("shuffle"));
        assertEquals("reference", r.get("backend"));
        assertEquals("float32", r.get("precision"));
    }

    @Test
    public void startsFromASavedModel() throws IOException {
        RunInfo first = train(BASE);
        Path model = Path.of(first.directory(), "model.safetensors");
        List<String> said = new ArrayList<>();
        RunInfo second = train(BASE.replace("epochs=3", "epochs=1") + " init.from=" + model, said);
        assertEquals(second.message(), RunState.COMPLETED, second.state());
        assertTrue(said.toString(), said.stream().anyMatch(s -> s.startsWith("parameters loaded from")));
        // continuing from a trained model starts at a low loss
        assertTrue(second.history().get(0).trainLoss() < first.history().get(0).trainLoss());
    }

    @Test
    public void corruptCheckpointFailsTheRunWithAClearMessage() throws IOException {
        Path bad = tmp.newFile("bad.safetensors").toPath();
        Files.write(bad, new byte[] {100, 0, 0, 0, 0, 0, 0, 0, '{'});
        RunInfo info = train(BASE + " init.from=" + bad);
        assertEquals(RunState.FAILED, info.state());
        assertTrue(info.message(), info.message().contains(bad.toString()) && info.message().contains("header length"));
    }

    @Test
    public void typoInKeyIsNamed() {
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " epocs=3").split(" "))), new TestComponents());
            fail();
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown key 'epocs'") && e.getMessage().contains("'epochs'"));
        }
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " optimizer.lrr=3").split(" "))), new TestComponents());
            fail();
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown key 'optimizer.lrr'")
                    && e.getMessage().contains("optimizer.lr"));
        }
    }

    @Test
    public void unknownComponentListsInstalledNames() {
        TestComponents components = new TestComponents();
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of(BASE.replace("tanh", "mish").split(" "))), components);
            fail();
        } catch (UnknownComponentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("activation=mish: unknown activation 'mish'")
                    && e.getMessage().contains("installed activation components: sigmoid, tanh"));
        }
        assertEquals("the data set and architecture found before the error are given back", 2, components.released.size());
    }

    @Test
    public void badParameterValueNamesKeyAndRange() {
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " optimizer.lr=-1").split(" "))), new TestComponents());
            fail();
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("optimizer.lr=-1") && e.getMessage().contains("(0, inf)"));
        }
    }

    @Test
    public void nanInDataFailsTheRunNamingTheExample() throws IOException {
        RunInfo info = train(BASE + " dataset.nan-at=17");
        assertEquals(RunState.FAILED, info.state());
        assertTrue(info.message(), info.message().contains("example 17"));
    }

    @Test
    public void divergenceStopsTheRunAndNamesTheStep() throws IOException {
        RunInfo info = train(BASE.replace("optimizer=sgd", "optimizer=blow-up"));
        assertEquals(RunState.FAILED, info.state());
        assertTrue(info.message(), info.message().startsWith("diverged at epoch 1, step ")
                && info.message().contains("last good step are saved"));
    }

    @Test
    public void abortNamesTheReasonAndKeepsFiles() throws IOException {
        TestComponents components = new TestComponents();
        RunPlan plan = RunPlan.resolve(RunSpec.fromArguments(List.of(BASE.split(" "))), components);
        Path dir = tmp.newFolder().toPath();
        Run[] holder = new Run[1];
        RunListener abortAfterFirstEpoch = new RunListener() {
            @Override
            public void epochFinished(RunInfo run, EpochMetrics metrics) {
                holder[0].abort("component activation 'tanh' from bundle x was removed while this run used it");
            }
        };
        holder[0] = new Run("run-x", dir, plan, components, List.of(abortAfterFirstEpoch), new LinkedHashMap<>());
        holder[0].run();
        RunInfo info = holder[0].snapshot();
        assertEquals(RunState.FAILED, info.state());
        assertTrue(info.message(), info.message().contains("activation 'tanh'") && info.message().contains("intact"));
        assertTrue(Files.exists(dir.resolve("model.safetensors")));
        assertEquals(2, Files.readAllLines(dir.resolve("metrics.csv")).size());
    }

    @Test
    public void stopEndsAsStopped() throws IOException {
        TestComponents components = new TestComponents();
        RunPlan plan = RunPlan.resolve(RunSpec.fromArguments(List.of(BASE.split(" "))), components);
        Run[] holder = new Run[1];
        RunListener stopAfterFirstEpoch = new RunListener() {
            @Override
            public void epochFinished(RunInfo run, EpochMetrics metrics) {
                holder[0].requestStop();
            }
        };
        holder[0] = new Run("run-s", tmp.newFolder().toPath(), plan, components, List.of(stopAfterFirstEpoch),
                new LinkedHashMap<>());
        holder[0].run();
        assertEquals(RunState.STOPPED, holder[0].snapshot().state());
        assertEquals(1, holder[0].snapshot().history().size());
    }

    @Test
    public void pretrainingRunsFirstAndBothPhasesAreInTheMetrics() throws IOException {
        List<String> said = new ArrayList<>();
        RunInfo info = train(BASE + " pretrain=halving pretrain.epochs=2", said);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        List<String> rows = Files.readAllLines(Path.of(info.directory(), "metrics.csv"));
        assertTrue(rows.get(0).startsWith("phase,epoch,train_loss,"));
        // hidden=6x2: fc1 and fc2 are pre-trained (2 epochs each), the output layer is not; then 3 epochs of training
        assertEquals(List.of("pretrain-fc1,1", "pretrain-fc1,2", "pretrain-fc2,1", "pretrain-fc2,2", "train,1", "train,2",
                "train,3"), rows.subList(1, rows.size()).stream().map(r -> r.substring(0, r.indexOf(',', r.indexOf(',') + 1)))
                .toList());
        double first = Double.parseDouble(rows.get(1).split(",")[2]);
        double second = Double.parseDouble(rows.get(2).split(",")[2]);
        assertEquals("the second halving halves the reported norm", first / 2, second, 1e-6 * first);
        assertTrue(said.stream().anyMatch(m -> m.contains("pre-training fc2 with halving: epoch 2")));
        assertEquals("fine-tuning history holds only the training epochs", 3, info.history().size());
        assertTrue(info.history().get(2).testAccuracy() > 0.8);
    }

    @Test
    public void frozenLayersAreLeftAloneByThePretrainer() throws IOException {
        RunInfo plain = train(BASE + " pretrain=halving freeze=1 epochs=1");
        List<String> rows = Files.readAllLines(Path.of(plain.directory(), "metrics.csv"));
        assertEquals(0.0, Double.parseDouble(rows.get(1).split(",")[2]), 0); // fc1 frozen: no weight touched, norm 0 reported
        assertTrue(Double.parseDouble(rows.get(3).split(",")[2]) > 0);
    }

    @Test
    public void anUnknownPretrainerIsRejectedBeforeTheRunStarts() {
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " pretrain=autoencodr").split(" "))), new TestComponents());
            fail("expected an error");
        } catch (UnknownComponentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("autoencodr") && e.getMessage().contains("halving"));
        }
    }

    @Test
    public void noneSwitchesAnOptionalComponentOffAndIgnoresItsSettings() throws IOException {
        RunInfo info = train(BASE + " pretrain=none pretrain.epochs=3 clipper=none clipper.max-norm=1 epochs=1");
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        assertFalse(info.spec().containsKey("pretrain.epochs"));
        assertFalse(Files.exists(Path.of(info.directory(), "clipping.csv")));
        try {
            RunPlan.resolve(RunSpec.fromArguments(List.of((BASE + " pretrain.epochs=3").split(" "))), new TestComponents());
            fail("a pre-trainer setting without a pre-trainer is a mistake");
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("'pretrain.epochs' is a setting of the pretrain component")
                    && e.getMessage().contains("pretrain=none"));
        }
    }

    @Test
    public void healthChecksFeedTheDiagnosisAndEveryCheckIsLogged() throws IOException {
        TestComponents components = new TestComponents();
        List<String> said = new ArrayList<>();
        Run run = run(BASE + " diagnosis=ratio health.interval=5", components, said);
        Path dir = run.dir;
        assertEquals(RunState.COMPLETED, run.snapshot().state());
        List<String> rows = Files.readAllLines(dir.resolve("verdicts.csv"));
        assertEquals(VerdictLog.HEADER, rows.get(0));
        // 13 steps per epoch, 3 epochs: step 1, every 5th step, and each epoch's last step (13, 26, 39)
        List<Long> steps = rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.split(",")[0])).toList();
        assertEquals(List.of(1L, 5L, 10L, 13L, 15L, 20L, 25L, 26L, 30L, 35L, 39L), steps);
        assertTrue(rows.get(1), rows.get(1).matches("1,1,healthy,\"ratio [0-9.E-]+\",\"\""));
        TestComponents.RatioDiagnosis d = (TestComponents.RatioDiagnosis) components.find(
                org.gradflow.api.health.Diagnosis.class, "ratio").service();
        org.gradflow.api.health.HealthSnapshot first = d.seen.get(0);
        assertEquals(List.of("fc1", "fc2", "fc3"), first.layers().stream().map(l -> l.layer()).toList());
        assertEquals("tanh", first.layers().get(0).activation());
        assertTrue("tanh is bounded", first.layers().get(0).bounded());
        assertEquals(1.0, first.layers().get(2).gradRatioToLast(), 0);
        assertTrue(first.installed().contains("activation/tanh") && first.installed().contains("diagnosis/ratio"));
        assertEquals("the first verdict is said once; later healthy checks are not repeated", 1,
                said.stream().filter(m -> m.startsWith("verdict at step")).count());
        assertEquals(org.gradflow.api.health.Condition.HEALTHY, run.verdict().condition());
        assertEquals(39, run.verdict().step());
    }

    @Test
    public void aFailingDiagnosisIsSwitchedOffAndTheRunGoesOn() throws IOException {
        List<String> said = new ArrayList<>();
        RunInfo info = train(BASE + " diagnosis=broken", said);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        assertTrue(said.stream().anyMatch(m -> m.contains("diagnosis broken failed") && m.contains("rule bug")));
    }

    @Test
    public void withoutTheDefaultDiagnosisInstalledRunsGoOnWithoutVerdicts() throws IOException {
        RunInfo info = train(BASE + " epochs=1");
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        assertFalse(Files.exists(Path.of(info.directory(), "verdicts.csv")));
    }

    /** A frozen layer gets no gradient; the diagnosis must see "not measured", not a vanished gradient. */
    @Test
    public void aFrozenLayerIsNotReportedAsAVanishingGradient() throws IOException {
        TestComponents components = new TestComponents();
        Run run = run(BASE + " diagnosis=ratio freeze=1", components, new ArrayList<>());
        assertEquals(RunState.COMPLETED, run.snapshot().state());
        TestComponents.RatioDiagnosis d = (TestComponents.RatioDiagnosis) components.find(
                org.gradflow.api.health.Diagnosis.class, "ratio").service();
        org.gradflow.api.health.LayerHealth fc1 = d.seen.get(0).layers().get(0);
        assertTrue("frozen fc1: " + fc1, Double.isNaN(fc1.gradL2()) && Double.isNaN(fc1.gradRatioToLast()));
        assertTrue(Files.readString(run.dir.resolve("verdicts.csv")), Files.readAllLines(run.dir.resolve("verdicts.csv"))
                .stream().skip(1).noneMatch(r -> r.contains("vanishing")));
        assertTrue("fc2 is measured", d.seen.get(0).layers().get(1).gradL2() > 0);
    }

    @Test
    public void divergenceGetsADivergedVerdictAndSkippingStopsAfterTwentyBadStepsOrABrokenEvaluation() throws IOException {
        List<String> said = new ArrayList<>();
        RunInfo stop = train(BASE.replace("optimizer=sgd", "optimizer=blow-up") + " diagnosis=ratio", said);
        assertEquals(RunState.FAILED, stop.state());
        assertTrue(said.toString(), said.stream().anyMatch(m -> m.matches("verdict at step \\d+: diverged: non-finite in fc.*")));
        List<String> skipSaid = new ArrayList<>();
        // float64: the step counts below follow from its range (blow-up's factor 1e200 is already infinite in float32)
        RunInfo skip = train(BASE.replace("optimizer=sgd", "optimizer=blow-up") + " on-nonfinite=skip precision=float64", skipSaid);
        assertEquals(RunState.FAILED, skip.state());
        // the first updates blow the weights up; every later step is skipped, and the epoch's evaluation overflows
        assertTrue(skip.message(), skip.message().startsWith("diverged at evaluation after epoch 1: the test loss is NaN")
                && skip.message().contains("11 training steps were skipped"));
        assertEquals(11, skipSaid.stream().filter(m -> m.contains("skipped (on-nonfinite=skip)")).count());
        RunInfo longEpoch = train(BASE.replace("optimizer=sgd", "optimizer=blow-up").replace("batch=16", "batch=4")
                + " on-nonfinite=skip precision=float64");
        assertTrue(longEpoch.message(), longEpoch.message().contains("(20 steps in a row skipped)"));
    }

    @Test
    public void labelledTrainsOnABalancedSubsetAndPretrainsOnEveryInput() throws IOException {
        TestComponents components = new TestComponents();
        List<String> said = new ArrayList<>();
        Run run = run(BASE + " labelled=20 pretrain=halving epochs=1", components, said);
        assertEquals(run.snapshot().message(), RunState.COMPLETED, run.snapshot().state());
        TestComponents.HalvingPretrainer p = (TestComponents.HalvingPretrainer) components.find(
                org.gradflow.api.pretrain.Pretrainer.class, "halving").service();
        assertEquals("pre-training sees all 200 inputs", List.of(200), p.inputCounts);
        assertTrue(said.toString(), said.contains("training with the labels of 20 examples, balanced over the classes; "
                + "the other 180 training inputs serve pre-training only"));
        // 20 examples, batch 16: 2 steps
        assertEquals(2, run.snapshot().steps());
        RunInfo tooMany = train(BASE + " labelled=500");
        assertEquals(RunState.FAILED, tooMany.state());
        assertTrue(tooMany.message(), tooMany.message().contains("labelled=500 but the data set has only 200"));
    }
}

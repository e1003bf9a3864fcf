package org.gradflow.launcher.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.gradflow.api.component.ComponentCatalog;
import org.gradflow.api.component.ComponentInfo;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.UnknownComponentException;
import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunManager;
import org.gradflow.api.run.RunSpec;
import org.gradflow.api.run.RunState;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots an OSGi framework (Felix or Equinox, one failsafe execution each) with exactly the bundles of
 * the assembled distribution ({@code target/gradflow/bundles/3} and {@code 4}; Pax Exam provides the
 * logging) and checks the platform as a user meets it: the catalogue, runs through the service API and
 * through the Gogo commands, errors for bad specs, and plugins that come and go while it runs.
 *
 * <p>The failsafe executions run it on Felix and on Equinox in a JVM without the Vector API, as a user
 * with {@code GRADFLOW_VECTOR=off} or another launcher would run it: the vector bundle is active, no
 * {@code vector} backend is registered, and every run trains on ojalgo. Two more executions run it on
 * both frameworks with {@code --add-modules jdk.incubator.vector}, as {@code bin/gradflow} starts the JVM by
 * default: then every run trains on the vector backend. System property {@code gradflow.it.vector} says which the
 * execution is.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformIT {
    /** Whether this execution's JVM has the Vector API, so that runs train on the vector backend. */
    private static final boolean VECTOR = Boolean.getBoolean("gradflow.it.vector");
    /** The backend every run here picks by default: the highest-ranked one registered. */
    private static final String DEFAULT_BACKEND = VECTOR ? "vector" : "ojalgo";

    /** A short run on generated data: 600 examples, 2 hidden layers, 3 epochs. */
    private static final String SMALL = "dataset=synthetic dataset.train=600 dataset.test=200 hidden=32x2 "
            + "activation=relu initializer=he-normal optimizer=adam epochs=3 batch=32 seed=3";

    @Inject
    private BundleContext context;
    @Inject
    private ComponentCatalog catalog;
    @Inject
    private RunManager runs;
    @Inject
    private CommandProcessor commands;

    @Configuration
    public Option[] config() throws IOException {
        Path dist = Path.of(System.getProperty("gradflow.dist"));
        Path work = Files.createTempDirectory("gradflow-it");
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        List<Option> options = new ArrayList<>();
        options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(System.getProperty("gradflow.localRepository")));
        options.add(systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"));
        options.add(frameworkProperty("gradflow.data").value(work.toString()));
        options.add(frameworkProperty("gradflow.runs.parallel").value("2"));
        // as config/framework.properties does: export the Vector API's package from the system bundle, also
        // where the JVM lacks the module (the vector bundle must then stay without a registered backend)
        // (systemPackage appends to Pax Exam's own extra packages, which its probe needs)
        options.add(systemPackage("jdk.incubator.vector"));
        // FileInstall watches a test deploy folder, as it watches deploy/ in the distribution
        options.add(frameworkProperty("felix.fileinstall.dir").value(deploy.toString()));
        options.add(frameworkProperty("felix.fileinstall.poll").value("300"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("gradflow.test.deploy").value(deploy.toString()));
        options.add(frameworkProperty("gradflow.test.mish").value(jars(dist.resolve("samples")).get(0).toString()));
        for (String level : List.of("3", "4")) {
            for (Path jar : jars(dist.resolve("bundles").resolve(level))) {
                options.add(bundle(jar.toUri().toString()));
            }
        }
        options.add(junitBundles());
        options.add(cleanCaches(true));
        return options.toArray(new Option[0]);
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            if (jars.isEmpty()) {
                throw new IllegalStateException("no bundles in " + dir + "; build the distribution first (mvn package)");
            }
            return jars;
        }
    }

    private RunSpec spec(String words) {
        return RunSpec.fromArguments(List.of(words.split(" ")));
    }

    /** Runs one Gogo command line; returns what it printed, or throws what it threw. */
    private String gogo(String line) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = commands.createSession(System.in, out, out)) {
            Object result = session.execute(line);
            if (result != null) {
                out.println(result);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Set<String> names(String kind) {
        return catalog.components().stream().filter(c -> c.kind().equals(kind)).map(ComponentInfo::name)
                .collect(Collectors.toSet());
    }

    private Bundle installMish() throws Exception {
        Bundle b = context.installBundle(Path.of(context.getProperty("gradflow.test.mish")).toUri().toString());
        b.start();
        waitFor(() -> names("activation").contains("mish"), "mish to appear");
        return b;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    public void catalogueListsEveryKindFromItsBundle() throws Exception {
        assertTrue(names("activation").containsAll(Set.of("relu", "sigmoid", "tanh")));
        assertFalse("the sample plugin is not installed by default", names("activation").contains("mish"));
        assertTrue(names("optimizer").containsAll(Set.of("sgd", "momentum", "adam")));
        assertTrue(names("initializer").containsAll(Set.of("uniform", "xavier-uniform", "he-normal")));
        assertTrue(names("dataset").containsAll(Set.of("idx", "csv", "synthetic", "fashion-mnist")));
        assertTrue(names("architecture").containsAll(Set.of("mlp", "residual-mlp", "rnn", "lstm", "gru")));
        assertTrue(names("pretrainer").containsAll(Set.of("autoencoder", "rbm")));
        assertTrue(names("dataset").containsAll(Set.of("adding-problem", "copy-memory", "sequential-fashion-mnist")));
        assertTrue(names("compute-backend").contains("ojalgo"));
        // the vector backend's bundle is active either way; its backend is registered only where this JVM runs
        // with --add-modules jdk.incubator.vector, else every run here is on ojalgo
        assertEquals("gradflow.it.vector must say whether this JVM has the Vector API",
                VECTOR, ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertTrue(Arrays.stream(context.getBundles()).anyMatch(b -> b.getSymbolicName().equals("org.gradflow.backend.vector")
                && b.getState() == Bundle.ACTIVE));
        assertEquals(VECTOR ? "vector backend with the Vector API" : "no vector backend without the Vector API",
                VECTOR, names("compute-backend").contains("vector"));
        assertTrue(names("gradient-clipper").containsAll(Set.of("value", "norm", "global-norm", "adaptive")));
        assertTrue(names("learning-rate-schedule").containsAll(Set.of("constant", "step", "exponential", "cosine")));
        assertTrue(names("regularizer").containsAll(Set.of("l1", "l2", "elastic-net", "max-norm", "dropout")));
        assertTrue(names("normalization").containsAll(Set.of("batch-norm", "layer-norm")));
        assertTrue(names("activation").containsAll(Set.of("prelu", "leaky-relu", "elu", "selu", "gelu", "silu", "softplus",
                "softsign", "hard-tanh")));
        String listed = gogo("gradflow:components");
        assertTrue(listed, listed.contains("org.gradflow.activations") && listed.contains("optimizer.lr")
                && listed.contains("compute-backend"));
        for (ComponentInfo c : catalog.components()) {
            assertTrue("gradflow:components lists " + c.kind() + " " + c.name(),
                    listed.contains(c.kind() + "\n") && listed.contains("  " + c.name() + " "));
        }
        assertTrue("the whole catalogue: " + catalog.components().size(), catalog.components().size() >= 50);
    }

    @Test
    public void trainsThroughTheServiceApi() throws Exception {
        RunInfo info = runs.start(spec(SMALL), null);
        info = runs.await(info.id(), 120_000);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        List<EpochMetrics> h = info.history();
        assertTrue("loss falls: " + h, h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss());
        List<String> rows = Files.readAllLines(Path.of(info.directory(), "gradients.csv"));
        assertTrue(rows.get(0).startsWith("step,layer,parameter,grad_l2,grad_rms,grad_maxabs,weight_l2,update_ratio,nonfinite"));
        // 600/32 = 19 steps per epoch, 3 epochs: 57 steps, of which the default stats.interval=10 samples 1, 10,
        // 20, 30, 40 and 50; 3 layers x 2 parameters
        assertEquals(1 + 6 * 6, rows.size());
        assertEquals(3, runs.health(info.id()).stream().filter(r -> r.parameter().equals("weight")).count());
        assertTrue(Files.size(Path.of(info.directory(), "model.safetensors")) > 0);
        // provenance: the backend the registry ranked first, and the default precision
        List<String> provenance = Files.readAllLines(Path.of(info.directory(), "run.properties"));
        assertTrue(provenance.toString(), provenance.contains("precision=FLOAT32"));
        assertTrue(provenance.toString(), provenance.stream().anyMatch(l -> l.startsWith("component.compute-backend." + DEFAULT_BACKEND + "=")));
    }

    /**
     * The same run on the ojalgo and the vector backend gives the same loss curve: to 1e-9 in float64 (both
     * compute every value to within a few roundings of the reference, and three epochs of Adam do not
     * amplify that past 1e-9 on this small net) and to 1e-3 in float32, where each backend rounds its own
     * way (float lanes, FMA, blocked sums) and the differences grow through the updates but stay far
     * below the loss's own change from epoch to epoch.
     */
    @Test
    public void ojalgoAndVectorBackendsGiveTheSameLossCurve() throws Exception {
        Assume.assumeTrue("the vector backend is registered only with the Vector API", VECTOR);
        for (String precision : List.of("float64", "float32")) {
            double tolerance = precision.equals("float64") ? 1e-9 : 1e-3;
            List<List<EpochMetrics>> curves = new ArrayList<>();
            for (String backend : List.of("ojalgo", "vector")) {
                RunInfo info = runs.await(runs.start(spec(SMALL + " backend=" + backend + " precision=" + precision),
                        null).id(), 120_000);
                assertEquals(info.message(), RunState.COMPLETED, info.state());
                curves.add(info.history());
            }
            for (int e = 0; e < curves.get(0).size(); e++) {
                EpochMetrics a = curves.get(0).get(e);
                EpochMetrics b = curves.get(1).get(e);
                String where = precision + ", epoch " + (e + 1) + ": ojalgo " + a + ", vector " + b;
                assertEquals(where, a.trainLoss(), b.trainLoss(), tolerance * Math.max(1, Math.abs(a.trainLoss())));
                assertEquals(where, a.testLoss(), b.testLoss(), tolerance * Math.max(1, Math.abs(a.testLoss())));
            }
            assertTrue("the curve falls: " + curves.get(1), curves.get(1).get(2).trainLoss() < curves.get(1).get(0).trainLoss());
        }
    }

    @Test
    public void clipperFromItsBundleIsWiredAndRecorded() throws Exception {
        RunInfo info = runs.await(runs.start(spec(SMALL + " epochs=1 clipper=global-norm clipper.max-norm=0.5"), null).id(), 120_000);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        List<String> rows = Files.readAllLines(Path.of(info.directory(), "clipping.csv"));
        assertEquals(1 + 19, rows.size());
        assertTrue("a small threshold clips: " + info.history(), info.history().get(0).clipRate() > 0);
    }

    @Test
    public void componentsOfEveryKindTrainTogether() throws Exception {
        String spec = SMALL.replace("activation=relu", "activation=gelu").replace("initializer=he-normal", "initializer=orthogonal")
                .replace("optimizer=adam", "optimizer=adamw").replace("hidden=32x2", "hidden=32x3")
                + " layer.2.activation=leaky-relu layer.2.activation.slope=0.05 layer.3.activation=prelu"
                + " normalization=batch-norm layer.3.normalization=layer-norm"
                + " regularizers=l2,max-norm,dropout regularizer.dropout.rate=0.1 regularizer.l2.lambda=1e-4"
                + " clipper=global-norm schedule=cosine warmup-steps=5 epochs=2";
        String out = gogo("gradflow:run --wait " + spec);
        assertTrue(out, out.contains("epoch 2/2") && out.contains("clipped"));
        RunInfo info = runs.get(runs.runs().get(runs.runs().size() - 1).id());
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        assertTrue("the l2 penalty is reported: " + info.history(), info.history().get(0).penalty() > 0);
        assertTrue("loss falls: " + info.history(), info.history().get(1).trainLoss() < info.history().get(0).trainLoss());
        assertEquals("cosine", info.spec().get("schedule"));
        assertEquals("0.05", info.spec().get("layer.2.activation.slope"));
        List<String> table = Files.readAllLines(Path.of(info.directory(), "gradients.csv"));
        assertTrue("batch-norm's scale is trained and recorded", table.stream().anyMatch(l -> l.startsWith("1,fc1,norm.weight,")));
        assertTrue("prelu's slopes are trained and recorded", table.stream().anyMatch(l -> l.startsWith("1,fc3,act.weight,")));
    }

    @Test
    public void residualNetworkTrainsWithAFrozenInputLayer() throws Exception {
        RunInfo info = runs.await(runs.start(spec(SMALL.replace("hidden=32x2", "hidden=16x2,8")
                + " architecture=residual-mlp architecture.preactivation=true normalization=batch-norm freeze=input epochs=2"),
                null).id(), 120_000);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        List<String> rows = Files.readAllLines(Path.of(info.directory(), "gradients.csv"));
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("1,block3,proj.weight,")));
        assertTrue("the frozen input layer does not move",
                rows.stream().filter(l -> l.startsWith("1,input,weight,")).allMatch(l -> l.contains(",0.000000e+00,0")));
    }

    @Test
    public void sameSpecAndSeedGiveIdenticalGradients() throws Exception {
        RunInfo a = runs.start(spec(SMALL + " epochs=1"), null);
        RunInfo b = runs.start(spec(SMALL + " epochs=1"), null);
        a = runs.await(a.id(), 120_000);
        b = runs.await(b.id(), 120_000);
        assertEquals(Files.readString(Path.of(a.directory(), "gradients.csv")),
                Files.readString(Path.of(b.directory(), "gradients.csv")));
    }

    @Test
    public void trainsThroughTheGogoCommand() throws Exception {
        String out = gogo("gradflow:run --wait " + SMALL);
        // the default backend is the highest-ranked one registered, the default precision float32
        assertTrue(out, out.contains("backend: " + DEFAULT_BACKEND + " (org.gradflow.backend." + DEFAULT_BACKEND + " ")
                && out.contains("), float32"));
        assertTrue(out, out.contains("epoch 1/3") && out.contains("epoch 3/3"));
        assertTrue(out, out.contains("gradient flow per layer") && out.contains("fc1") && out.contains("fc3"));
        assertTrue(out, out.contains("completed"));
        String listed = gogo("gradflow:runs");
        assertTrue(listed, listed.contains("completed"));
    }

    @Test
    public void typoInAKeyIsNamed() throws Exception {
        try {
            runs.start(spec(SMALL + " epocs=2"), null);
            fail();
        } catch (ConfigurationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown key 'epocs'") && e.getMessage().contains("epochs"));
        }
        try {
            gogo("gradflow:run " + SMALL + " optimizer.lrr=0.1");
            fail();
        } catch (Exception e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown key 'optimizer.lrr'"));
        }
    }

    @Test
    public void pluginInstalledAtRuntimeIsUsableAndItsRemovalIsReported() throws Exception {
        Bundle mish = installMish();
        try {
            RunInfo info = runs.await(runs.start(spec(SMALL.replace("activation=relu", "activation=mish") + " epochs=1"), null).id(), 120_000);
            assertEquals(info.message(), RunState.COMPLETED, info.state());
        } finally {
            mish.uninstall();
        }
        try {
            runs.start(spec(SMALL.replace("activation=relu", "activation=mish")), null);
            fail();
        } catch (UnknownComponentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown activation 'mish'") && e.getMessage().contains("relu"));
        }
    }

    @Test
    public void bundleVanishingMidRunStopsOnlyThatRun() throws Exception {
        Bundle mish = installMish();
        RunInfo doomed = runs.start(spec(SMALL.replace("activation=relu", "activation=mish") + " epochs=200"), null);
        RunInfo bystander = runs.start(spec(SMALL + " epochs=2"), null);
        waitFor(() -> runs.get(doomed.id()).step() > 5, "the mish run to train");
        mish.uninstall();
        RunInfo failed = runs.await(doomed.id(), 60_000);
        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.message(), failed.message().contains("activation 'mish'")
                && failed.message().contains("org.gradflow.sample.mish") && failed.message().contains("intact"));
        Path dir = Path.of(failed.directory());
        for (String file : List.of("spec.cfg", "run.properties", "metrics.csv", "gradients.csv", "model.safetensors", "status.txt")) {
            assertTrue(file + " kept", Files.exists(dir.resolve(file)));
        }
        assertEquals(RunState.COMPLETED, runs.await(bystander.id(), 120_000).state());
        assertTrue("the platform goes on", runs.await(runs.start(spec(SMALL + " epochs=1"), null).id(), 120_000)
                .state() == RunState.COMPLETED);
    }

    @Test
    public void jarCopiedIntoDeployIsHotDeployedAndDeletingItRemovesIt() throws Exception {
        Path deployed = Path.of(context.getProperty("gradflow.test.deploy")).resolve("mish.jar");
        Files.copy(Path.of(context.getProperty("gradflow.test.mish")), deployed, StandardCopyOption.REPLACE_EXISTING);
        waitFor(() -> names("activation").contains("mish"), "FileInstall to deploy mish");
        Files.delete(deployed);
        waitFor(() -> !names("activation").contains("mish"), "FileInstall to remove mish");
    }

    @Test
    public void lstmTrainsThroughTheShellAndRecordsTheGradientThroughTime() throws Exception {
        String out = gogo("gradflow:run --wait dataset=adding-problem dataset.length=10 dataset.train=256 dataset.test=64 "
                + "architecture=lstm hidden=8 optimizer=adam epochs=2 batch=32 seed=1");
        assertTrue(out, out.contains("epoch 2/2") && out.contains("completed"));
        RunInfo info = runs.get(runs.runs().get(runs.runs().size() - 1).id());
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        Path dir = Path.of(info.directory());
        List<String> times = Files.readAllLines(dir.resolve("time-gradients.csv"));
        assertEquals("step,layer,t,state_grad_l2", times.get(0));
        // 256 / 32 = 8 steps per epoch, 2 epochs: 16 steps, of which the default stats.interval=10 records 1 and
        // 10, 10 time steps each
        assertEquals(1 + 2 * 10, times.size());
        assertTrue(times.get(1), times.get(1).startsWith("1,lstm1,0,"));
        List<String> weights = Files.readAllLines(dir.resolve("recurrent-weights.csv"));
        // before training and after each of the 2 epochs, 4 gates
        assertEquals(1 + 3 * 4, weights.size());
        assertTrue(weights.toString(), weights.get(2).startsWith("0,lstm1,forget,"));
    }

    @Test
    public void truncatedBpttAndAPredictionPerStepTrainAGru() throws Exception {
        RunInfo info = runs.await(runs.start(spec("dataset=copy-memory dataset.length=3 dataset.delay=4 dataset.symbols=4 "
                + "dataset.train=128 dataset.test=32 architecture=gru architecture.bptt-window=5 hidden=12x2 optimizer=adam "
                + "optimizer.lr=0.01 epochs=2 batch=32 seed=2"), null).id(), 120_000);
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        // loss=auto picks the per-step softmax for one-hot targets per step; with MSE the accuracy would be NaN
        assertTrue("per-step accuracy is reported: " + info.history(), info.history().get(1).testAccuracy() > 0);
        List<String> times = Files.readAllLines(Path.of(info.directory(), "time-gradients.csv"));
        assertTrue("both stacked layers are recorded", times.stream().anyMatch(l -> l.startsWith("1,gru2,9,")));
    }

    @Test
    public void pretrainingThenFineTuningThroughTheShell() throws Exception {
        String out = gogo("gradflow:run --wait " + SMALL.replace("activation=relu", "activation=sigmoid")
                .replace("initializer=he-normal", "initializer=xavier-uniform")
                + " pretrain=autoencoder pretrain.epochs=2 epochs=2");
        assertTrue(out, out.contains("pre-training fc1 with autoencoder: epoch 2") && out.contains("completed"));
        RunInfo info = runs.get(runs.runs().get(runs.runs().size() - 1).id());
        assertEquals(info.message(), RunState.COMPLETED, info.state());
        List<String> rows = Files.readAllLines(Path.of(info.directory(), "metrics.csv"));
        assertEquals(rows.toString(), 1 + 2 + 2 + 2, rows.size());
        assertTrue(rows.get(1).startsWith("pretrain-fc1,1,") && rows.get(3).startsWith("pretrain-fc2,1,")
                && rows.get(5).startsWith("train,1,"));
        RunInfo rbm = runs.await(runs.start(spec(SMALL.replace("activation=relu", "activation=sigmoid")
                + " pretrain=rbm pretrain.epochs=1 epochs=1"), null).id(), 120_000);
        assertEquals(rbm.message(), RunState.COMPLETED, rbm.state());
    }

    @Test
    public void thirtyResidualBlocksTrainWhereTheSamePlainNetworkDoesNot() throws Exception {
        String common = "dataset=synthetic dataset.train=2000 dataset.test=500 activation=sigmoid initializer=xavier-uniform "
                + "optimizer=sgd optimizer.lr=0.1 epochs=3 batch=32 seed=42 stats.interval=50";
        RunInfo plain = runs.start(spec(common + " architecture=mlp hidden=16x61"), null);
        RunInfo residual = runs.start(spec(common + " architecture=residual-mlp architecture.preactivation=true hidden=16x30"), null);
        plain = runs.await(plain.id(), 300_000);
        residual = runs.await(residual.id(), 300_000);
        assertEquals(plain.message(), RunState.COMPLETED, plain.state());
        assertEquals(residual.message(), RunState.COMPLETED, residual.state());
        double plainAccuracy = plain.history().get(2).testAccuracy();
        double residualAccuracy = residual.history().get(2).testAccuracy();
        assertTrue("the plain 62-layer network stays near chance (0.1): " + plainAccuracy, plainAccuracy < 0.2);
        assertTrue("the residual one learns: " + residualAccuracy, residualAccuracy > 0.4);
    }

    @Test
    public void aDeepSigmoidRunEndsWithAVanishingVerdictAndAReport() throws Exception {
        String out = gogo("gradflow:run --wait dataset=synthetic dataset.train=600 dataset.test=200 hidden=32x8 "
                + "activation=sigmoid initializer=uniform optimizer=sgd optimizer.lr=0.05 epochs=1 batch=32 seed=3");
        assertTrue(out, out.contains("verdict (step 19): vanishing: layer fc1 receives")
                && out.contains("Try: activation=relu initializer=he-normal"));
        RunInfo info = runs.get(runs.runs().get(runs.runs().size() - 1).id());
        assertEquals(org.gradflow.api.health.Condition.VANISHING, runs.verdict(info.id()).condition());
        Path dir = Path.of(info.directory());
        List<String> verdicts = Files.readAllLines(dir.resolve("verdicts.csv"));
        assertEquals("step,epoch,condition,evidence,remedies", verdicts.get(0));
        assertTrue(verdicts.get(verdicts.size() - 1), verdicts.get(verdicts.size() - 1).startsWith("19,1,vanishing,"));
        Path report = dir.resolve("report.html");
        assertTrue(out, out.contains("report: " + report));
        org.w3c.dom.Document html = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(report.toFile());
        assertEquals("vanishing", byId(html, "verdict").getAttribute("data-condition"));
    }

    /** The element with that id attribute (DOM's getElementById needs a DTD to know which attribute is an id). */
    private static org.w3c.dom.Element byId(org.w3c.dom.Document doc, String id) {
        org.w3c.dom.NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    @Test
    public void compareRunsTheBaseAndEachVariationAndWritesOneReport() throws Exception {
        Path base = Files.createTempFile("gradflow-base", ".cfg");
        Files.writeString(base, SMALL.replace("epochs=3", "epochs=1").replace(' ', '\n') + "\n");
        String out = gogo("gradflow:compare " + base + " \"activation=tanh initializer=xavier-uniform\" \"hidden=16x2\"");
        assertTrue(out, out.contains("variant") && out.contains("first/last_grad") && out.contains("verdict"));
        assertTrue(out, out.contains("base ") && out.contains("activation=tanh initializer=xavier-uniform ")
                && out.contains("hidden=16x2 "));
        assertEquals(out, 3, out.lines().filter(l -> l.startsWith("run-") && l.contains(" completed: ")).count());
        String report = out.lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow().substring(8);
        org.w3c.dom.Document html = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of(report).toFile());
        org.w3c.dom.NodeList rows = html.getElementsByTagName("tr");
        int runRows = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            runRows += ((org.w3c.dom.Element) rows.item(i)).hasAttribute("data-run") ? 1 : 0;
        }
        assertEquals("one table row per run", 3, runRows);
    }
}

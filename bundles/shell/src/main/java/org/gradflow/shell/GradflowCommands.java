package org.gradflow.shell;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.gradflow.api.component.ComponentCatalog;
import org.gradflow.api.component.ComponentInfo;
import org.gradflow.api.component.GradflowException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.health.Verdict;
import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunListener;
import org.gradflow.api.run.RunManager;
import org.gradflow.api.run.RunSpec;
import org.gradflow.api.run.RunState;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo commands in scope {@code gradflow}. Each parses its words, calls the core's services, and
 * prints; errors are {@link GradflowException}s whose message says what was wrong and what to type.
 * In one-shot mode (framework property {@code gradflow.oneshot=true}, set by {@code ./gradflow <command>})
 * {@code run} waits for the run to finish, prints its epochs and gradient table, and fails unless the
 * run completed.
 */
@Component(service = GradflowCommands.class, property = {
    "osgi.command.scope=gradflow",
    "osgi.command.function=components",
    "osgi.command.function=run",
    "osgi.command.function=runs",
    "osgi.command.function=status",
    "osgi.command.function=stop",
    "osgi.command.function=health"})
public final class GradflowCommands {
    private final ComponentCatalog catalog;
    private final RunManager runs;
    private final boolean oneShot;

    @Activate
    public GradflowCommands(@Reference ComponentCatalog catalog, @Reference RunManager runs, BundleContext context) {
        this.catalog = catalog;
        this.runs = runs;
        this.oneShot = Boolean.parseBoolean(context.getProperty("gradflow.oneshot"));
    }

    private static PrintStream out() {
        return System.out;
    }

    @Descriptor("list installed components by kind, with parameters and providing bundle")
    public void components() {
        components(null);
    }

    @Descriptor("list installed components of one kind (activation, optimizer, dataset, ...)")
    public void components(@Descriptor("kind") String kind) {
        List<ComponentInfo> all = catalog.components();
        if (kind != null && all.stream().noneMatch(c -> c.kind().equals(kind))) {
            throw new GradflowException("no components of kind '" + kind + "'; kinds installed: "
                    + String.join(", ", all.stream().map(ComponentInfo::kind).distinct().toList()));
        }
        String current = null;
        StringBuilder sb = new StringBuilder();
        for (ComponentInfo c : all) {
            if (kind != null && !c.kind().equals(kind)) {
                continue;
            }
            if (!c.kind().equals(current)) {
                current = c.kind();
                sb.append(current).append('\n');
            }
            sb.append(String.format(Locale.ROOT, "  %-18s %s  [%s]%n", c.name(), c.description(), c.bundle()));
            for (ParameterSpec p : c.parameters()) {
                sb.append(String.format(Locale.ROOT, "      %s.%s = %s  %s  %s%n", prefixOf(c.kind()), p.name(),
                        p.defaultValue() == null ? "(unset)" : p.defaultValue(), p.allowed(), p.description()));
            }
        }
        out().print(sb);
    }

    private static String prefixOf(String kind) {
        switch (kind) {
            case "compute-backend":
                return "backend";
            case "gradient-clipper":
                return "clipper";
            case "pretrainer":
                return "pretrain";
            case "learning-rate-schedule":
                return "schedule";
            default:
                return kind;
        }
    }

    @Descriptor("start a run from a spec file and/or key=value settings; --wait to follow it to the end")
    public void run(@Descriptor("[--wait] [spec.cfg] [key=value ...]") String... words) throws InterruptedException {
        List<String> args = new ArrayList<>(Arrays.asList(words));
        boolean wait = oneShot | args.remove("--wait") | args.remove("-w");
        if (args.isEmpty()) {
            throw new GradflowException("usage: run [--wait] <spec.cfg> [key=value ...]  or  run key=value ...; "
                    + "for example: run config/runs/quickstart.cfg epochs=1");
        }
        RunSpec spec;
        if (!args.get(0).contains("=")) {
            spec = RunSpec.load(Path.of(args.get(0))).with(RunSpec.fromArguments(args.subList(1, args.size())));
        } else {
            spec = RunSpec.fromArguments(args);
        }
        if (!wait) {
            RunInfo info = runs.start(spec, null);
            out().println(info.id() + " started; files in " + info.directory() + ". Follow it with: runs, status "
                    + info.id() + ", health " + info.id());
            return;
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        RunListener follower = new RunListener() {
            @Override
            public void message(RunInfo run, String text) {
                lines.add(text);
            }

            @Override
            public void epochFinished(RunInfo run, EpochMetrics metrics) {
                lines.add(Reports.epochLine(run, metrics));
            }
        };
        RunInfo info = runs.start(spec, follower);
        out().println(info.id() + " started; files in " + info.directory());
        try {
            while (!info.state().isFinal()) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    out().println(line);
                }
                info = runs.get(info.id());
            }
        } catch (InterruptedException e) {
            runs.stop(info.id());
            throw e;
        }
        runs.await(info.id(), 60_000);
        for (String line; (line = lines.poll()) != null;) {
            out().println(line);
        }
        info = runs.get(info.id());
        out().println();
        out().println("gradient flow per layer (weight gradient L2 norm, mean over the last epoch; ratio to the last layer;"
                + " weight_l2 and update_ratio at the last recorded step):");
        out().print(Reports.gradientTable(runs.health(info.id()), false));
        Verdict verdict = runs.verdict(info.id());
        if (verdict != null) {
            out().println("verdict (step " + verdict.step() + "): " + verdict.text());
        }
        Path report = Path.of(info.directory(), "report.html");
        if (Files.isRegularFile(report)) {
            out().println("report: " + report);
        }
        out().println();
        out().println(info.id() + " " + info.state().name().toLowerCase(Locale.ROOT) + ": " + info.message());
        if (info.state() != RunState.COMPLETED) {
            throw new GradflowException(info.id() + " did not complete: " + info.message());
        }
    }

    @Descriptor("list the runs of this session")
    public void runs() {
        List<RunInfo> all = runs.runs();
        if (all.isEmpty()) {
            out().println("no runs yet; start one with: run config/runs/quickstart.cfg");
            return;
        }
        Table t = new Table("id", "state", "epoch", "progress", "test_acc", "message");
        for (RunInfo r : all) {
            double acc = r.history().isEmpty() ? Double.NaN : r.history().get(r.history().size() - 1).testAccuracy();
            t.row(r.id(), r.state().name().toLowerCase(Locale.ROOT), r.epoch() + "/" + r.epochs(),
                    String.format(Locale.ROOT, "%.0f%%", 100 * r.progress()),
                    Double.isNaN(acc) ? "-" : String.format(Locale.ROOT, "%.4f", acc), r.message());
        }
        out().print(t);
    }

    @Descriptor("show one run: state, progress, folder, epochs")
    public void status(@Descriptor("run id") String id) {
        RunInfo r = runs.get(id);
        StringBuilder sb = new StringBuilder();
        sb.append(r.id()).append(": ").append(r.state().name().toLowerCase(Locale.ROOT)).append(" - ").append(r.message()).append('\n');
        sb.append(String.format(Locale.ROOT, "epoch %d/%d, step %d/%d (%.0f%%)%n", r.epoch(), r.epochs(), r.step(), r.steps(),
                100 * r.progress()));
        sb.append("files: ").append(r.directory()).append('\n');
        for (EpochMetrics m : r.history()) {
            sb.append(Reports.epochLine(r, m)).append('\n');
        }
        out().print(sb);
    }

    @Descriptor("stop a run after its current step (its files are kept)")
    public void stop(@Descriptor("run id") String id) {
        RunInfo r = runs.stop(id);
        out().println(r.state().isFinal() ? r.id() + " had already ended: " + r.message() : r.id() + " stopping");
    }

    @Descriptor("per-layer gradient table of a run, live while it trains")
    public void health(@Descriptor("run id") String id) {
        health(id, null);
    }

    @Descriptor("per-layer gradient table; --all includes biases")
    public void health(@Descriptor("run id") String id, @Descriptor("--all") String option) {
        RunInfo r = runs.get(id);
        out().println(r.id() + " " + r.state().name().toLowerCase(Locale.ROOT) + ", epoch " + r.epoch() + "/" + r.epochs());
        out().print(Reports.gradientTable(runs.health(id), "--all".equals(option)));
        Verdict verdict = runs.verdict(id);
        out().println(verdict == null ? "verdict: none yet (no health check so far, or no diagnosis installed)"
                : "verdict (step " + verdict.step() + "): " + verdict.text());
        if (Files.isRegularFile(Path.of(r.directory(), "gradients.csv"))) {
            out().println("per-step statistics: " + Path.of(r.directory(), "gradients.csv"));
        }
    }
}

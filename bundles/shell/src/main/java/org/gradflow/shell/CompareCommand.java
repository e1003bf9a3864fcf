package org.gradflow.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.gradflow.api.component.GradflowException;
import org.gradflow.api.health.Verdict;
import org.gradflow.api.report.ReportWriter;
import org.gradflow.api.run.EpochMetrics;
import org.gradflow.api.run.LayerGradientSummary;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code gradflow:compare}: runs a base spec and its variations side by side (same seed and data; as
 * many at once as the run manager's pool allows, {@code gradflow.runs.parallel}), waits for all, and
 * prints one table: final test loss, test accuracy, the first layer's gradient over the last layer's,
 * the verdict, and ms per step. With a report bundle installed it also writes a comparison report.
 */
@Component(service = CompareCommand.class, property = {"osgi.command.scope=gradflow", "osgi.command.function=compare"})
public final class CompareCommand {
    @Reference
    private RunManager runs;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReportWriter reports;

    @Descriptor("run a base spec and variations with the same seed and data, and compare them in one table")
    public void compare(@Descriptor("<base.cfg> \"<key=value ...>\" ... [--set \"<key=value ...>\"], or <sweep.cfg>")
            String... words) throws InterruptedException {
        Sweep sweep = Sweep.fromWords(Arrays.asList(words));
        List<RunInfo> started = new ArrayList<>();
        try {
            for (Sweep.Variant v : sweep.variants()) {
                RunInfo info = runs.start(v.spec().with("label", v.label()), null);
                started.add(info);
                System.out.println(info.id() + " started: " + v.label());
            }
            List<RunInfo> done = new ArrayList<>();
            for (RunInfo info : started) {
                RunInfo end = runs.await(info.id(), Long.MAX_VALUE);
                System.out.println(end.id() + " " + end.state().name().toLowerCase(Locale.ROOT) + ": " + end.message());
                done.add(end);
            }
            System.out.println();
            System.out.print(table(sweep, done));
            ReportWriter writer = reports;
            if (writer != null) {
                Path target = Path.of(done.get(0).directory()).getParent().resolve("compare-" + done.get(0).id() + ".html");
                System.out.println("report: " + writer.writeComparison(sweep.title(), done, target));
            }
        } catch (InterruptedException e) {
            started.forEach(r -> runs.stop(r.id()));
            throw e;
        } catch (GradflowException e) {
            started.forEach(r -> runs.stop(r.id()));
            throw e;
        }
    }

    private Table table(Sweep sweep, List<RunInfo> done) {
        Table t = new Table("variant", "run", "state", "test_loss", "test_acc", "first/last_grad", "verdict", "ms/step");
        for (int i = 0; i < done.size(); i++) {
            RunInfo r = done.get(i);
            EpochMetrics last = r.history().isEmpty() ? null : r.history().get(r.history().size() - 1);
            Verdict v = runs.verdict(r.id());
            t.row(sweep.variants().get(i).label(), r.id(), r.state().name().toLowerCase(Locale.ROOT),
                    last == null ? "-" : Reports.loss(last.testLoss()),
                    last == null || Double.isNaN(last.testAccuracy()) ? "-"
                            : String.format(Locale.ROOT, "%.4f", last.testAccuracy()),
                    Reports.sci(firstToLast(runs.health(r.id()))), v == null ? "-" : v.condition().word(),
                    last == null ? "-" : String.format(Locale.ROOT, "%.1f", last.msPerStep()));
        }
        return t;
    }

    /** The first weight matrix's gradient over the last layer's (the first row of the table), or NaN. */
    static double firstToLast(List<LayerGradientSummary> rows) {
        return rows.stream().filter(r -> Reports.isWeightMatrix(r.parameter())).mapToDouble(LayerGradientSummary::ratioToLast)
                .findFirst().orElse(Double.NaN);
    }
}

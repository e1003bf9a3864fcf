package org.gradflow.core.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.GradflowException;
import org.gradflow.api.run.LayerGradientSummary;
import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunListener;
import org.gradflow.api.run.RunManager;
import org.gradflow.api.run.RunSpec;
import org.gradflow.core.catalog.ComponentRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RunManager} service. Runs execute on a bounded pool ({@code gradflow.runs.parallel}
 * framework property, default the number of cores); more are queued. Each run gets a folder
 * {@code <gradflow.data>/runs/run-NNNN/}, numbered past the highest existing one so that several
 * platform processes sharing a data folder never collide.
 *
 * <p>When a component a live run uses is unregistered (its bundle stopped or uninstalled), that run
 * fails with a message naming the component; other runs and the platform go on.
 */
@Component(service = RunManager.class)
public final class DefaultRunManager implements RunManager {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRunManager.class);

    private final BundleContext context;
    private final ComponentRegistry registry;
    private final Path runsDir;
    private final ExecutorService executor;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final List<RunListener> whiteboard = new CopyOnWriteArrayList<>();
    private final ServiceListener vanishing = this::serviceChanged;

    @Activate
    public DefaultRunManager(BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        this.registry = new ComponentRegistry(context);
        String data = context.getProperty("gradflow.data");
        this.runsDir = Path.of(data == null ? System.getProperty("user.dir") : data).resolve("runs").toAbsolutePath();
        int parallel = parseInt(context.getProperty("gradflow.runs.parallel"), Runtime.getRuntime().availableProcessors());
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(parallel, parallel, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "gradflow-run-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        context.addServiceListener(vanishing, "(" + GradflowComponent.NAME_PROPERTY + "=*)");
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(RunListener listener) {
        whiteboard.add(listener);
    }

    void removeListener(RunListener listener) {
        whiteboard.remove(listener);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeServiceListener(vanishing);
        synchronized (runs) {
            runs.values().forEach(Run::requestStop);
        }
        executor.shutdown();
        if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
            LOG.warn("runs did not stop within 20 s; abandoning them");
            executor.shutdownNow();
        }
    }

    private void serviceChanged(ServiceEvent event) {
        if (event.getType() != ServiceEvent.UNREGISTERING) {
            return;
        }
        ServiceReference<?> ref = event.getServiceReference();
        List<Run> affected = new ArrayList<>();
        synchronized (runs) {
            for (Run r : runs.values()) {
                if (!r.state().isFinal() && r.uses(ref)) {
                    affected.add(r);
                }
            }
        }
        for (Run r : affected) {
            String reason = "component " + ComponentRegistry.kindOf(((String[]) ref.getProperty("objectClass"))[0]) + " '"
                    + ref.getProperty(GradflowComponent.NAME_PROPERTY) + "' from bundle "
                    + (ref.getBundle() == null ? "?" : ref.getBundle().getSymbolicName())
                    + " was removed while this run used it";
            LOG.warn("run {}: {}", r.id, reason);
            r.abort(reason);
        }
    }

    @Override
    public RunInfo start(RunSpec spec, RunListener listener) {
        RunPlan plan = RunPlan.resolve(spec, registry);
        Run run;
        try {
            Path dir = newRunDirectory();
            String id = dir.getFileName().toString();
            Files.writeString(dir.resolve("spec.cfg"), "# Resolved spec of run " + id
                    + ": every key with defaults filled in. Re-run it with: run " + dir.resolve("spec.cfg") + "\n"
                    + RunSpec.of(plan.resolvedSpec()).toText(), StandardCharsets.UTF_8);
            List<RunListener> listeners = new ArrayList<>(whiteboard);
            if (listener != null) {
                listeners.add(listener);
            }
            run = new Run(id, dir, plan, registry, listeners, provenance(plan));
        } catch (IOException | RuntimeException e) {
            plan.release(registry);
            throw new GradflowException("cannot create the run folder under " + runsDir + ": " + e.getMessage()
                    + "; check that the data folder (gradflow.data) is writable", e);
        }
        synchronized (runs) {
            runs.put(run.id, run);
        }
        executor.execute(run);
        LOG.info("run {} queued: {}", run.id, plan.resolvedSpec());
        return run.snapshot();
    }

    private Map<String, String> provenance(RunPlan plan) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("created", Instant.now().toString());
        p.put("gradflow.core", context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion());
        for (RunPlan.Part<?> part : plan.parts()) {
            p.put("component." + part.found().kind() + "." + part.found().name(), part.found().bundle());
        }
        p.put("seed", String.valueOf(plan.core().integer(CoreKeys.SEED)));
        p.put("precision", plan.precision.name());
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        p.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        p.put("framework", context.getBundle(0).getSymbolicName() + " " + context.getBundle(0).getVersion());
        return p;
    }

    private Path newRunDirectory() throws IOException {
        Files.createDirectories(runsDir);
        int next = 1;
        try (var entries = Files.list(runsDir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.matches("run-\\d+")) {
                    next = Math.max(next, Integer.parseInt(name.substring(4)) + 1);
                }
            }
        }
        while (true) {
            Path dir = runsDir.resolve(String.format("run-%04d", next));
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                next++; // another process took it
            }
        }
    }

    @Override
    public List<RunInfo> runs() {
        synchronized (runs) {
            return runs.values().stream().map(Run::snapshot).toList();
        }
    }

    private Run find(String id) {
        synchronized (runs) {
            Run r = runs.get(id);
            if (r == null && id != null && id.matches("\\d+")) {
                r = runs.get(String.format("run-%04d", Integer.parseInt(id)));
            }
            if (r == null) {
                throw new GradflowException("no run '" + id + "' in this session; runs: "
                        + (runs.isEmpty() ? "(none yet; start one with: run <spec.cfg>)" : String.join(", ", runs.keySet())));
            }
            return r;
        }
    }

    @Override
    public RunInfo get(String id) {
        return find(id).snapshot();
    }

    @Override
    public RunInfo stop(String id) {
        Run r = find(id);
        r.requestStop();
        return r.snapshot();
    }

    @Override
    public RunInfo await(String id, long timeoutMillis) throws InterruptedException {
        Run r = find(id);
        r.awaitEnd(timeoutMillis);
        return r.snapshot();
    }

    @Override
    public List<LayerGradientSummary> health(String id) {
        return find(id).health();
    }

    @Override
    public org.gradflow.api.health.Verdict verdict(String id) {
        return find(id).verdict();
    }
}

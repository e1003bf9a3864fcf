package org.gradflow.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Boots Gradflow: the one OSGi framework found on the class path (Felix or Equinox, through
 * {@link FrameworkFactory}), the bundles of the distribution's start-level folders, and then either the
 * interactive Gogo console or a single Gogo command line.
 *
 * <p>Two folders matter. <em>home</em> ({@code gradflow.home}, default: the folder above
 * {@code lib/launcher.jar}) holds {@code lib/} and {@code bundles/1..5/}: every jar in {@code bundles/N}
 * is installed at start level N. <em>base</em> ({@code gradflow.base}, default: home) is where the user's
 * files live: {@code config/} (framework properties, logback, ConfigAdmin {@code .cfg} files, run specs),
 * {@code deploy/} (hot deploy), {@code log/} and {@code runs/}. Each process gets its own throw-away
 * framework storage, so several may run at once.
 */
public final class Main {
    /** Start level with everything except the console; one-shot commands run here. */
    static final int COMMAND_LEVEL = 4;
    /** {@code bundles/5}: Gogo's interactive shell, installed only by {@code gradflow shell}. */
    static final int SHELL_LEVEL = 5;

    /** The process's real streams, taken before Gogo's runtime replaces System.out and friends. */
    static final InputStream IN = System.in;
    static final PrintStream OUT = System.out;
    static final PrintStream ERR = System.err;

    static final String USAGE = String.join("\n",
            "usage: gradflow shell               interactive Gogo console ('exit 0' or Ctrl-D leaves)",
            "       gradflow <command> [arg...]  run one command and exit, for example",
            "                                      gradflow run config/runs/quickstart.cfg",
            "                                      gradflow components",
            "                                      gradflow lb",
            "       gradflow -c '<gogo line>'    run one raw Gogo line (pipes, ';', closures)",
            "       gradflow --help              this text; 'gradflow help' lists every command",
            "",
            "Exit status: 0 when the command succeeded, 1 when it failed (the message follows 'error:'),",
            "2 for a usage error. Details go to <base>/log/gradflow.log.",
            "Settings: config/framework.properties; -Dkey=value overrides any key of that file.",
            "Environment of bin/gradflow: JAVA_HOME; GRADFLOW_BASE; GRADFLOW_JAVA_OPTS, extra JVM options;",
            "GRADFLOW_VECTOR=off, no Vector API (--add-modules jdk.incubator.vector): the ojalgo backend serves.", "");

    private final Path home;
    private final Path base;
    private final boolean shell;
    private final BundleLog log = new BundleLog();
    private Framework framework;
    private Path storage;

    Main(Path home, Path base, boolean shell) {
        this.home = home;
        this.base = base;
        this.shell = shell;
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? ERR : OUT).print(USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        boolean shell = args[0].equals("shell");
        if (shell && args.length > 1) {
            ERR.print("gradflow: shell takes no arguments\n" + USAGE);
            System.exit(2);
        }
        String line = null;
        if (!shell) {
            if (args[0].equals("-c") && args.length != 2) {
                ERR.print("gradflow: -c takes exactly one argument, the Gogo line\n" + USAGE);
                System.exit(2);
            }
            line = args[0].equals("-c") ? args[1] : Gogo.commandLine(args);
        }
        int status;
        try {
            Path home = location("gradflow.home", launcherHome());
            Main main = new Main(home, location("gradflow.base", home), shell);
            status = main.run(line);
        } catch (Exception e) {
            ERR.println("error: " + message(e));
            status = 1;
        }
        System.exit(status);
    }

    /** Starts the framework, runs the console or the command line, stops the framework; returns the exit status. */
    int run(String commandLine) throws Exception {
        Files.createDirectories(base.resolve("deploy"));
        Files.createDirectories(base.resolve("log"));
        System.setProperty("gradflow.home", home.toString());
        System.setProperty("gradflow.base", base.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", firstExisting("config/logback.xml").toString());
        }
        if (System.getProperty("java.util.logging.config.file") == null) {
            // Libraries that log through java.util.logging (Aries SPI Fly) follow the console rule too.
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        }
        storage = Files.createTempDirectory("gradflow-osgi-");
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "gradflow-shutdown"));
        try {
            start(frameworkProperties());
            log.info("Gradflow started: " + (shell ? "interactive shell" : "command '" + commandLine + "'")
                    + ", home " + home + ", base " + base + ", framework " + framework.getSymbolicName()
                    + " " + framework.getVersion() + ", Java " + Runtime.version());
            if (shell) {
                return framework.waitForStop(0).getType() == FrameworkEvent.ERROR ? 1 : 0;
            }
            return new Gogo(framework.getBundleContext(), log).execute(commandLine, commandTimeoutMillis());
        } finally {
            shutdown();
        }
    }

    private Map<String, String> frameworkProperties() throws IOException {
        Map<String, String> vars = Map.of("gradflow.home", home.toString(), "gradflow.base", base.toString());
        Path file = firstExisting("config/framework.properties");
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(in);
        }
        Map<String, String> props = new HashMap<>();
        for (String key : raw.stringPropertyNames()) {
            String value = System.getProperty(key, raw.getProperty(key)); // -Dkey=value wins
            props.put(key, substitute(value, vars, file, key));
        }
        // Set by the launcher, whatever the file says: they describe this process. The shell's start
        // level is reached later, by start().
        props.putAll(vars);
        props.put("gradflow.data", base.toString());
        props.put("gradflow.oneshot", Boolean.toString(!shell));
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(COMMAND_LEVEL));
        if (shell) {
            // Plain interactive Gogo. Equinox would otherwise set gosh.args=--nointeractive (no console).
            props.putIfAbsent("gosh.args", "");
        }
        return props;
    }

    /**
     * Installs the bundles of bundles/1..N, marks them started, and waits until the framework reached
     * level N: first {@link #COMMAND_LEVEL}, then, for the shell, {@link #SHELL_LEVEL}.
     */
    private void start(Map<String, String> props) throws Exception {
        framework = frameworkFactory().newFramework(props);
        framework.init();
        BundleContext context = framework.getBundleContext();
        int top = shell ? SHELL_LEVEL : COMMAND_LEVEL;
        // Bundles hot-deployed later (deploy/) start with the Gradflow bundles.
        framework.adapt(FrameworkStartLevel.class).setInitialBundleStartLevel(COMMAND_LEVEL);
        List<Bundle> installed = new ArrayList<>();
        for (int level = 1; level <= top; level++) {
            for (Path jar : jars(home.resolve("bundles").resolve(Integer.toString(level)))) {
                Bundle bundle = context.installBundle(jar.toUri().toString());
                bundle.adapt(BundleStartLevel.class).setStartLevel(level);
                installed.add(bundle);
            }
        }
        if (installed.isEmpty()) {
            throw new IllegalStateException("no bundles found under " + home.resolve("bundles")
                    + "; is gradflow.home the distribution folder (launcher/target/gradflow)?");
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
                bundle.start(); // persistent: it starts when the framework reaches its level
            }
        }
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch console = new CountDownLatch(1);
        context.addFrameworkListener(event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            } else if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
                console.countDown();
            } else if (event.getType() == FrameworkEvent.ERROR) {
                String who = event.getBundle() == null ? "framework" : event.getBundle().getSymbolicName();
                ERR.println("warning: " + who + ": " + message(event.getThrowable()));
                log.error("framework error from " + who, event.getThrowable());
            }
        });
        framework.start(); // up to COMMAND_LEVEL
        await(started, COMMAND_LEVEL);
        log.attach(context);
        if (shell) { // the console last, once the log and every command are in place
            framework.adapt(FrameworkStartLevel.class).setStartLevel(SHELL_LEVEL);
            await(console, SHELL_LEVEL);
        }
    }

    private static void await(CountDownLatch latch, int level) throws InterruptedException {
        if (!latch.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the framework did not reach start level " + level + " within 60 s");
        }
    }

    /** Stops the framework (once) and deletes its storage; also run by the shutdown hook on Ctrl-C. */
    private synchronized void shutdown() {
        try {
            if (framework != null && (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                log.detach();
                framework.stop();
                if (framework.waitForStop(15_000).getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    ERR.println("warning: the OSGi framework did not stop within 15 s");
                }
            }
        } catch (BundleException | InterruptedException e) {
            ERR.println("warning: stopping the OSGi framework failed: " + message(e));
        }
        deleteTree(storage);
    }

    private long commandTimeoutMillis() {
        String value = framework.getBundleContext().getProperty("gradflow.command.timeout");
        try {
            return value == null ? 30_000 : (long) (Double.parseDouble(value) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gradflow.command.timeout must be a number of seconds, got '" + value + "'");
        }
    }

    private static FrameworkFactory frameworkFactory() {
        Iterator<FrameworkFactory> found = ServiceLoader.load(FrameworkFactory.class).iterator();
        if (!found.hasNext()) {
            throw new IllegalStateException("no OSGi framework on the class path: put one framework jar "
                    + "(org.apache.felix.framework or org.eclipse.osgi) into lib/");
        }
        FrameworkFactory factory = found.next();
        if (found.hasNext()) {
            ERR.println("warning: more than one OSGi framework on the class path; using "
                    + factory.getClass().getName() + ". Keep exactly one framework jar in lib/.");
        }
        return factory;
    }

    /** {@code ${gradflow.home}} and {@code ${gradflow.base}} are the only variables; anything else is a typo. */
    private static String substitute(String value, Map<String, String> vars, Path file, String key) {
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = vars.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException(file + ": " + key + " uses ${" + m.group(1)
                        + "}; only ${gradflow.home} and ${gradflow.base} are known");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private Path firstExisting(String relative) {
        Path inBase = base.resolve(relative);
        Path inHome = home.resolve(relative);
        if (Files.exists(inBase) || !Files.exists(inHome)) {
            return inBase;
        }
        return inHome;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Path location(String property, Path fallback) {
        String value = System.getProperty(property);
        return (value == null || value.isBlank() ? fallback : Paths.get(value)).toAbsolutePath().normalize();
    }

    /** lib/launcher.jar lies in home/lib; run from classes (an IDE), the working directory is home. */
    private static Path launcherHome() throws URISyntaxException {
        Path code = Paths.get(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isRegularFile(code) ? code.getParent().getParent() : Paths.get("");
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            ERR.println("warning: could not delete the framework storage " + root + ": " + e.getMessage());
        }
    }

    static String message(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}

package org.gradflow.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runs one Gogo command line through the {@code CommandProcessor} service of the Gogo runtime bundle,
 * without the interactive shell. Gogo's API lives inside the OSGi framework, not on the launcher's class
 * path, so the four calls it needs (create a session, execute, format, close) go through reflection on
 * the interfaces loaded from the runtime bundle.
 *
 * <p>Commands are services with the properties {@code osgi.command.scope} and
 * {@code osgi.command.function} (Gradflow's have the scope {@code gradflow}); Gogo picks them up as they
 * are registered. {@link #execute} first waits until Gogo knows the command's name.
 */
final class Gogo {
    private static final String API = "org.apache.felix.service.command.";
    /** {@code name} or {@code scope:name}; other first words (variables, closures) are left to Gogo. */
    private static final Pattern COMMAND_NAME = Pattern.compile("(?:([A-Za-z_][\\w.-]*):)?([A-Za-z_][\\w.-]*)");
    /** Words made only of these characters mean the same to Gogo without quotes. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[\\w./:=,+@%-]+");
    /** Once Gradflow's commands are registered, a name still missing after this long is a typo. */
    private static final long GRACE_MILLIS = 3_000;

    private final BundleContext context;
    private final BundleLog log;

    Gogo(BundleContext context, BundleLog log) {
        this.context = context;
        this.log = log;
    }

    /** One Gogo line from the program arguments: each argument stays one word, quoted where needed. */
    static String commandLine(String[] args) {
        StringJoiner line = new StringJoiner(" ");
        for (String arg : args) {
            line.add(quote(arg));
        }
        return line.toString();
    }

    static String quote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        if (word.indexOf('\'') < 0) {
            return "'" + word + "'"; // Gogo takes single-quoted text literally
        }
        return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }

    /** Runs the line; prints a returned value, or {@code error: <message>} when it throws. Returns the exit status. */
    int execute(String line, long timeoutMillis) throws Exception {
        ServiceReference<?> ref = context.getServiceReference(API + "CommandProcessor");
        if (ref == null) {
            throw new IllegalStateException("the Gogo runtime is not running (no CommandProcessor service); "
                    + "check bundles/3 and log/gradflow.log");
        }
        Bundle runtime = ref.getBundle();
        Class<?> sessionType = runtime.loadClass(API + "CommandSession");
        int inspect = runtime.loadClass(API + "Converter").getField("INSPECT").getInt(null);
        Object processor = context.getService(ref);
        Object session = runtime.loadClass(API + "CommandProcessor")
                .getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                .invoke(processor, Main.IN, Main.OUT, Main.ERR);
        try {
            awaitCommand(line, () -> commands(session, sessionType), timeoutMillis, GRACE_MILLIS);
            Object result = call(session, sessionType.getMethod("execute", CharSequence.class), line);
            if (result != null) {
                Main.OUT.println(call(session, sessionType.getMethod("format", Object.class, int.class), result, inspect));
            }
            return 0;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Main.OUT.flush();
            Main.ERR.println("error: " + Main.message(cause));
            log.error("command failed: " + line, cause);
            return 1;
        } finally {
            sessionType.getMethod("close").invoke(session);
            Main.OUT.flush();
            context.ungetService(ref);
        }
    }

    /** Every command Gogo knows now, as {@code scope:name}: its session variable {@code .commands}. */
    private static Set<String> commands(Object session, Class<?> sessionType) {
        try {
            Object all = sessionType.getMethod("get", String.class).invoke(session, ".commands");
            Set<String> names = new TreeSet<>();
            if (all instanceof Collection<?> collection) {
                collection.forEach(c -> names.add(String.valueOf(c)));
            }
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot list Gogo's commands: " + Main.message(e), e);
        }
    }

    private static Object call(Object target, Method method, Object... args) throws InvocationTargetException {
        try {
            return method.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call Gogo's " + method.getName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until Gogo knows the line's command: {@code name} in any scope, or {@code scope:name}. Gradflow's
     * commands are services that Declarative Services may register a moment after the framework has
     * started. A name still missing a few seconds after Gradflow's commands appeared is reported as
     * unknown at once rather than after the full timeout. Lines that do not start with a plain name
     * (variables, closures, assignments) are left to Gogo.
     */
    static void awaitCommand(String line, Supplier<Set<String>> known, long timeoutMillis, long graceMillis)
            throws InterruptedException {
        String[] words = line.strip().split("\\s+", 3);
        Matcher m = COMMAND_NAME.matcher(words[0]);
        if (!m.matches() || (words.length > 1 && words[1].equals("="))) {
            return;
        }
        String scope = m.group(1);
        String name = m.group(2);
        boolean gradflowScope = scope == null || scope.equals("gradflow");
        long start = System.nanoTime();
        while (true) {
            Set<String> commands = known.get();
            if (commands.stream().anyMatch(c -> (scope == null ? c.endsWith(":" + name) : c.equals(scope + ":" + name)))) {
                return;
            }
            List<String> gradflow = commands.stream().filter(c -> c.startsWith("gradflow:"))
                    .map(c -> c.substring("gradflow:".length())).toList();
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (gradflowScope && !gradflow.isEmpty() && waited >= graceMillis) {
                throw new IllegalArgumentException("unknown command '" + words[0] + "'. Gradflow's commands: "
                        + String.join(", ", gradflow) + ". 'gradflow help' lists every command");
            }
            if (waited >= timeoutMillis) {
                throw new IllegalStateException("no command '" + words[0] + "' appeared within "
                        + timeoutMillis / 1000 + " s" + (gradflowScope && gradflow.isEmpty()
                                ? "; no Gradflow command is registered at all: is the shell bundle installed and "
                                        + "active? ('gradflow lb', log/gradflow.log)" : ""));
            }
            Thread.sleep(50);
        }
    }
}

package org.gradflow.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/** How program arguments become one Gogo line, and when a one-shot command may run. */
public class GogoTest {
    private static final Set<String> BUILT_IN = Set.of("felix:lb", "felix:help", "scr:list");

    @Test
    public void plainWordsStayAsTheyAre() {
        assertEquals("run config/runs/quickstart.cfg epochs=5 optimizer.lr=0.01",
                Gogo.commandLine(new String[] {"run", "config/runs/quickstart.cfg", "epochs=5", "optimizer.lr=0.01"}));
    }

    @Test
    public void wordsWithSpacesOrShellCharactersAreQuoted() {
        // single quotes keep $, ; and spaces literal in Gogo
        assertEquals("echo 'a b' '$HOME' 'x;y' ''", Gogo.commandLine(new String[] {"echo", "a b", "$HOME", "x;y", ""}));
        // a word containing a single quote falls back to double quotes with \ " $ escaped
        assertEquals("echo \"it's \\$1\"", Gogo.commandLine(new String[] {"echo", "it's $1"}));
    }

    @Test
    public void aRegisteredCommandRunsAtOnce() throws InterruptedException {
        Gogo.awaitCommand("lb", () -> BUILT_IN, 10_000, 10_000);
        Gogo.awaitCommand("felix:lb", () -> BUILT_IN, 10_000, 10_000);
    }

    @Test
    public void linesThatDoNotStartWithANameAreLeftToGogo() throws InterruptedException {
        Gogo.awaitCommand("$x", () -> Set.of(), 0, 0);
        Gogo.awaitCommand("x = 1", () -> Set.of(), 0, 0);
        Gogo.awaitCommand("(echo)", () -> Set.of(), 0, 0);
    }

    @Test
    public void waitsUntilTheCommandIsRegistered() throws InterruptedException {
        AtomicInteger polls = new AtomicInteger();
        Gogo.awaitCommand("gradflow:run", () -> {
            Set<String> known = new TreeSet<>(BUILT_IN);
            if (polls.incrementAndGet() >= 3) { // Declarative Services registers it on the third look
                known.add("gradflow:run");
            }
            return known;
        }, 10_000, 10_000);
        assertEquals(3, polls.get());
    }

    @Test
    public void anUnknownNameIsReportedWithGradflowsCommands() throws InterruptedException {
        Set<String> known = new TreeSet<>(BUILT_IN);
        known.addAll(Set.of("gradflow:run", "gradflow:components"));
        try {
            Gogo.awaitCommand("rnu", () -> known, 10_000, 0);
            fail("expected an unknown-command error");
        } catch (IllegalArgumentException e) {
            assertEquals("unknown command 'rnu'. Gradflow's commands: components, run. "
                    + "'gradflow help' lists every command", e.getMessage());
        }
    }

    @Test
    public void withoutAnyGradflowCommandItTimesOutWithAHint() throws InterruptedException {
        try {
            Gogo.awaitCommand("components", () -> BUILT_IN, 100, 0);
            fail("expected a timeout");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("no command 'components' appeared within 0 s; "
                    + "no Gradflow command is registered at all"));
        }
    }
}

package org.gradflow.shell;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.gradflow.api.component.GradflowException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Parsing comparisons from the command line and from sweep files. */
public class SweepTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path base() throws IOException {
        Path f = tmp.newFile("base.cfg").toPath();
        Files.writeString(f, "activation=sigmoid\nepochs=3\nseed=7\n");
        return f;
    }

    @Test
    public void commandLineVariationsOverrideTheBaseAndSetAppliesToAll() throws IOException {
        Sweep s = Sweep.fromWords(List.of(base().toString(), "activation=relu initializer=he-normal", "--set", "epochs=1",
                "normalization=batch-norm"));
        assertEquals(3, s.variants().size());
        assertEquals("base", s.variants().get(0).label());
        assertEquals("1", s.variants().get(0).spec().values().get("epochs"));
        assertEquals("relu", s.variants().get(1).spec().values().get("activation"));
        assertEquals("he-normal", s.variants().get(1).spec().values().get("initializer"));
        assertEquals("7", s.variants().get(1).spec().values().get("seed"));
        assertEquals("sigmoid", s.variants().get(2).spec().values().get("activation"));
        assertEquals("batch-norm", s.variants().get(2).spec().values().get("normalization"));
        assertEquals("1", s.variants().get(2).spec().values().get("epochs"));
    }

    @Test
    public void sweepFileNamesItsVariants() throws IOException {
        Path base = base();
        Path sweep = tmp.newFile("sweep.cfg").toPath();
        Files.writeString(sweep, "# compare\nbase = " + base + "\nset = epochs=2\nvariant.relu = activation=relu\n"
                + "variant.deep = hidden=64x8 activation=tanh\n");
        Sweep s = Sweep.fromWords(List.of(sweep.toString()));
        assertEquals(List.of("base", "relu", "deep"), s.variants().stream().map(Sweep.Variant::label).toList());
        assertEquals("64x8", s.variants().get(2).spec().values().get("hidden"));
        assertEquals("2", s.variants().get(2).spec().values().get("epochs"));
        assertEquals("sweep.cfg", s.title());
    }

    @Test
    public void mistakesAreNamed() throws IOException {
        Path base = base();
        Path sweep = tmp.newFile("bad.cfg").toPath();
        Files.writeString(sweep, "base = " + base + "\nvariants.relu = activation=relu\n");
        expect(() -> Sweep.fromWords(List.of(sweep.toString())), "bad.cfg:2: unknown key 'variants.relu'");
        expect(() -> Sweep.fromWords(List.of(base.toString())), "give at least one variation");
        expect(() -> Sweep.fromWords(List.of("activation=relu")), "the first argument must be the base spec file");
        expect(() -> Sweep.fromWords(List.of(base.toString(), "--set")), "--set needs");
    }

    private static void expect(Runnable r, String text) {
        try {
            r.run();
            fail("expected an error containing " + text);
        } catch (GradflowException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(text));
        }
    }

    @Test
    public void aRelativeBasePathIsFoundFromTheSweepFilesFolders() throws IOException {
        Path root = tmp.newFolder("repo").toPath();
        Path specs = Files.createDirectories(root.resolve("config/experiments/specs"));
        Files.writeString(specs.resolve("b.cfg"), "activation=tanh\n");
        Path sweep = root.resolve("config/experiments/s.cfg");
        Files.writeString(sweep, "base = config/experiments/specs/b.cfg\nvariant.relu = activation=relu\n");
        Sweep s = Sweep.fromWords(List.of(sweep.toString()));
        assertEquals("tanh", s.variants().get(0).spec().values().get("activation"));
        assertEquals(specs.resolve("b.cfg"), Sweep.resolve(sweep, "config/experiments/specs/b.cfg"));
    }
}

package org.gradflow.clippers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gradflow.api.clipper.ClipResult;
import org.gradflow.api.clipper.ClippingRule;
import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** The tests every clipper must pass, run over each entry of {@link ClipperCases}. */
@RunWith(Parameterized.class)
public class ClipperContractTest {
    private static final double TOL = 1e-12;

    @Parameters(name = "{0}")
    public static List<ClipperCase> cases() {
        return ClipperCases.ALL;
    }

    @Parameterized.Parameter
    public ClipperCase c;

    private final ReferenceBackend b = new ReferenceBackend();

    private ClippingRule rule() {
        return c.clipper().create(Settings.validate("clipper.", c.settings(), c.clipper().parameters()));
    }

    private Parameter parameter(Precision precision, int rows, int cols, double[] weight, double[] gradient) {
        Tensor value = b.allocate(rows, cols, precision);
        Tensor grad = b.allocate(rows, cols, precision);
        b.upload(weight, 0, value);
        b.upload(gradient, 0, grad);
        return new Parameter("p", rows == 1 ? Parameter.Role.BIAS : Parameter.Role.WEIGHT, value, grad, cols, rows);
    }

    private List<Parameter> parameters(Precision precision, ClipperCase.Example e) {
        List<Parameter> ps = new ArrayList<>();
        for (ClipperCase.Param p : e.params()) {
            ps.add(parameter(precision, p.rows(), p.cols(), p.weightOrOnes(), p.gradient()));
        }
        return ps;
    }

    private Parameter row(double... gradient) {
        return parameter(Precision.FLOAT64, 1, gradient.length, new double[] {1, 1}, gradient);
    }

    private static void assertSameBits(String what, double[] expected, double[] actual) {
        assertEquals(what + ": length", expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(what + ": element " + i + " must be bit-identical", Double.doubleToRawLongBits(expected[i]),
                    Double.doubleToRawLongBits(actual[i]));
        }
    }

    /** The table has both kinds of example for every clipper. */
    @Test
    public void tableHasClippedAndUnclippedExamples() {
        assertTrue(c.name() + " needs an example that clips", c.examples().stream().anyMatch(e -> e.clipped()));
        assertTrue(c.name() + " needs an example that does not clip", c.examples().stream().anyMatch(e -> !e.clipped()));
    }

    @Test
    public void examplesMatchHandComputation() {
        ClippingRule rule = rule();
        for (ClipperCase.Example e : c.examples()) {
            List<Parameter> ps = parameters(Precision.FLOAT64, e);
            ClipResult r = rule.clip(ps);
            assertEquals(e + ": normBefore", e.normBefore(), r.normBefore(), TOL);
            assertEquals(e + ": clipped", e.clipped(), r.clipped());
            for (int i = 0; i < ps.size(); i++) {
                ClipperCase.Param p = e.params().get(i);
                double[] got = b.values(ps.get(i).gradient());
                if (p.expected() == null) {
                    assertSameBits(e + ", parameter " + i, p.gradient(), got);
                } else {
                    assertArrayEquals(e + ", parameter " + i, p.expected(), got, TOL);
                }
                assertSameBits(e + ", parameter " + i + ": weights are not the clipper's to change",
                        p.weightOrOnes(), b.values(ps.get(i).value()));
            }
        }
    }

    /** Not clipped means not touched: clipped=false and every gradient bit for bit as it was (-0 included). */
    @Test
    public void unclippedGradientsAreBitIdentical() {
        for (ClipperCase.Example e : c.examples()) {
            if (e.clipped()) {
                continue;
            }
            List<Parameter> ps = parameters(Precision.FLOAT64, e);
            assertFalse(e.toString(), rule().clip(ps).clipped());
            for (int i = 0; i < ps.size(); i++) {
                assertSameBits(e + ", parameter " + i, e.params().get(i).gradient(), b.values(ps.get(i).gradient()));
            }
        }
    }

    /** The same examples on FLOAT32 tensors: float rounding only. */
    @Test
    public void float32GradientsFollowTheSameExamples() {
        for (ClipperCase.Example e : c.examples()) {
            List<Parameter> ps = parameters(Precision.FLOAT32, e);
            ClipResult r = rule().clip(ps);
            assertEquals(e + ": normBefore", e.normBefore(), r.normBefore(), 1e-6 * e.normBefore());
            assertEquals(e + ": clipped", e.clipped(), r.clipped());
            for (int i = 0; i < ps.size(); i++) {
                assertArrayEquals(e + ", parameter " + i, e.params().get(i).expectedOrGradient(),
                        b.values(ps.get(i).gradient()), 1e-6);
            }
        }
    }

    /** A frozen parameter is neither counted nor changed, however large its gradient. */
    @Test
    public void frozenParametersAreSkipped() {
        ClipperCase.Example e = c.examples().stream().filter(ClipperCase.Example::clipped).findFirst().orElseThrow();
        List<Parameter> ps = parameters(Precision.FLOAT64, e);
        Parameter frozen = row(1e6, -1e6);
        frozen.setFrozen(true);
        ps.add(0, frozen);
        ClipResult r = rule().clip(ps);
        assertEquals("normBefore leaves the frozen gradient out", e.normBefore(), r.normBefore(), TOL);
        assertTrue(r.clipped());
        assertSameBits("frozen gradient", new double[] {1e6, -1e6}, b.values(frozen.gradient()));
        for (int i = 0; i < e.params().size(); i++) {
            assertArrayEquals("parameter " + i, e.params().get(i).expectedOrGradient(),
                    b.values(ps.get(i + 1).gradient()), TOL);
        }
    }

    @Test
    public void nothingToClip() {
        assertEquals(new ClipResult(0, false), rule().clip(List.of()));
        Parameter frozen = row(1e6, -1e6);
        frozen.setFrozen(true);
        assertEquals(new ClipResult(0, false), rule().clip(List.of(frozen)));
        Parameter zero = row(0, -0.0);
        assertEquals(new ClipResult(0, false), rule().clip(List.of(zero)));
        assertSameBits("zero gradient", new double[] {0, -0.0}, b.values(zero.gradient()));
    }

    /**
     * A NaN anywhere: normBefore NaN, clipped false, every gradient untouched (the large one too, which
     * would otherwise be clipped). An infinity (of either sign) and no NaN: normBefore +inf, the same.
     */
    @Test
    public void nonFiniteGradientsAreReportedAndLeftAlone() {
        double[][][] inputs = {
            {{1e6, -1e6}, {Double.NaN, 1}},
            {{1e6, -1e6}, {Double.POSITIVE_INFINITY, Double.NaN}},
            {{1e6, -1e6}, {Double.POSITIVE_INFINITY, 1}},
            {{1e6, -1e6}, {0, Double.NEGATIVE_INFINITY}},
        };
        double[] expectedNorm = {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int k = 0; k < inputs.length; k++) {
            Parameter large = row(inputs[k][0]);
            Parameter bad = row(inputs[k][1]);
            ClipResult r = rule().clip(List.of(large, bad));
            assertEquals("normBefore for " + Arrays.toString(inputs[k][1]), expectedNorm[k], r.normBefore(), 0);
            assertFalse("clipped", r.clipped());
            assertSameBits("large gradient untouched", inputs[k][0], b.values(large.gradient()));
            assertSameBits("non-finite gradient untouched", inputs[k][1], b.values(bad.gradient()));
        }
    }

    /**
     * A finite gradient whose squares overflow a double (1e200^2) is measured correctly and clipped
     * toward its direction, not zeroed (PyTorch's norm would be inf and its factor 0).
     */
    @Test
    public void hugeFiniteGradientsAreClippedNotZeroed() {
        Parameter huge = row(1e200, 2e200);
        ClipResult r = rule().clip(List.of(huge));
        assertEquals(Math.sqrt(5) * 1e200, r.normBefore(), 1e-15 * r.normBefore());
        assertTrue(r.clipped());
        double[] g = b.values(huge.gradient());
        assertTrue("finite and positive: " + g[0] + ", " + g[1], g[0] > 0 && g[1] > 0 && g[1] < 1e10);
    }

    /** The same in FLOAT32, where 1e30^2 does not fit a float: squares must not be stored unscaled. */
    @Test
    public void hugeFloat32GradientsAreClippedNotZeroed() {
        Parameter huge = parameter(Precision.FLOAT32, 2, 2, new double[] {1, 1, 1, 1}, new double[] {1e30, 2e30, 3e30, 0});
        ClipResult r = rule().clip(List.of(huge));
        assertEquals(Math.sqrt(14) * 1e30, r.normBefore(), 1e-6 * r.normBefore());
        assertTrue(r.clipped());
        double[] g = b.values(huge.gradient());
        assertTrue("finite and positive: " + Arrays.toString(g),
                g[0] > 0 && g[1] >= g[0] && g[2] > 0 && g[2] < 1e10 && g[3] == 0);
    }

    /** Gradients whose squares underflow (1e-200^2) still have their true norm, and are left alone. */
    @Test
    public void tinyGradientsHaveTheirTrueNorm() {
        Parameter tiny = row(3e-200, -4e-200);
        ClipResult r = rule().clip(List.of(tiny));
        assertEquals(5e-200, r.normBefore(), 1e-15 * 5e-200);
        assertFalse(r.clipped());
        assertSameBits("tiny gradient", new double[] {3e-200, -4e-200}, b.values(tiny.gradient()));
    }

    /** The rule keeps no state: the same example twice through one rule gives the same answer. */
    @Test
    public void ruleIsReusable() {
        ClippingRule rule = rule();
        ClipperCase.Example e = c.examples().get(0);
        ClipResult first = rule.clip(parameters(Precision.FLOAT64, e));
        List<Parameter> again = parameters(Precision.FLOAT64, e);
        assertEquals(first, rule.clip(again));
        assertArrayEquals(e.params().get(0).expectedOrGradient(), b.values(again.get(0).gradient()), TOL);
    }

    @Test
    public void badParametersAreRejectedByName() {
        assertFalse(c.bad().isEmpty());
        for (ClipperCase.Bad bad : c.bad()) {
            try {
                Settings.validate("clipper.", Map.of(bad.key(), bad.value()), c.clipper().parameters());
                fail(c.name() + " accepted " + bad);
            } catch (ConfigurationException e) {
                String m = e.getMessage();
                assertTrue(m, m.contains("clipper." + bad.key() + "=" + bad.value()));
                assertTrue(m, m.contains("allowed " + bad.allowed()));
            }
        }
    }

    /** Declared parameters: unique names, defaults that pass their own validation, a description each. */
    @Test
    public void parametersAreWellDeclared() {
        Set<String> names = new HashSet<>();
        for (ParameterSpec spec : c.clipper().parameters()) {
            assertTrue("duplicate " + spec.name(), names.add(spec.name()));
            assertTrue(spec.name() + " has no description", !spec.description().isEmpty());
            spec.parse("clipper." + spec.name(), spec.defaultValue());
        }
        ClipResult r = c.clipper().create(Settings.empty()).clip(List.of(row(3, 4)));
        assertEquals("defaults work", 5, r.normBefore(), 0);
    }
}

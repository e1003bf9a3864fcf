package org.gradflow.regularizers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.regularizer.RegularizationRule;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** The tests every regularizer must pass, run over each entry of {@link RegularizerCases}. */
@RunWith(Parameterized.class)
public class RegularizerContractTest {
    private static final double TOL = 1e-12;

    @Parameters(name = "{0}")
    public static List<RegularizerCase> cases() {
        return RegularizerCases.ALL;
    }

    @Parameterized.Parameter
    public RegularizerCase c;

    private final ReferenceBackend b = new ReferenceBackend();

    private RegularizationRule rule() {
        return c.regularizer().create(Settings.validate(c.prefix(), c.settings(), c.regularizer().parameters()));
    }

    private Parameter parameter(Precision precision, Parameter.Role role, int rows, int cols, double[] value,
            double[] gradient) {
        Tensor w = b.allocate(rows, cols, precision);
        Tensor g = b.allocate(rows, cols, precision);
        b.upload(value, 0, w);
        b.upload(gradient, 0, g);
        return new Parameter("p", role, w, g, cols, rows);
    }

    private List<Parameter> parameters(Precision precision, RegularizerCase.Example e) {
        List<Parameter> ps = new ArrayList<>();
        for (RegularizerCase.Param p : e.params()) {
            ps.add(parameter(precision, p.role(), p.rows(), p.cols(), p.value(), p.gradient()));
        }
        return ps;
    }

    /** What the core does in a step: addPenalty on every parameter, (the update,) then constrain. */
    private static double step(RegularizationRule rule, List<Parameter> ps) {
        double penalty = 0;
        for (Parameter p : ps) {
            penalty += rule.addPenalty(p);
        }
        for (Parameter p : ps) {
            rule.constrain(p);
        }
        return penalty;
    }

    private static void assertSameBits(String what, double[] expected, double[] actual) {
        assertEquals(what + ": length", expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(what + ": element " + i + " must be bit-identical", Double.doubleToRawLongBits(expected[i]),
                    Double.doubleToRawLongBits(actual[i]));
        }
    }

    @Test
    public void examplesMatchHandComputation() {
        RegularizationRule rule = rule();
        for (RegularizerCase.Example e : c.examples()) {
            List<Parameter> ps = parameters(Precision.FLOAT64, e);
            assertEquals(e + ": penalty", e.penalty(), step(rule, ps), TOL);
            for (int i = 0; i < ps.size(); i++) {
                RegularizerCase.Param p = e.params().get(i);
                double[] grad = b.values(ps.get(i).gradient());
                double[] value = b.values(ps.get(i).value());
                if (p.expectedGradient() == null) {
                    assertSameBits(e + ", parameter " + i + " gradient", p.gradient(), grad);
                } else {
                    assertArrayEquals(e + ", parameter " + i + " gradient", p.expectedGradient(), grad, TOL);
                }
                if (p.expectedValue() == null) {
                    assertSameBits(e + ", parameter " + i + " value", p.value(), value);
                } else {
                    assertArrayEquals(e + ", parameter " + i + " value", p.expectedValue(), value, TOL);
                }
            }
        }
    }

    /** The same examples on FLOAT32 tensors: float rounding only. */
    @Test
    public void float32FollowsTheSameExamples() {
        for (RegularizerCase.Example e : c.examples()) {
            List<Parameter> ps = parameters(Precision.FLOAT32, e);
            assertEquals(e + ": penalty", e.penalty(), step(rule(), ps), 1e-6);
            for (int i = 0; i < ps.size(); i++) {
                assertArrayEquals(e + ", parameter " + i + " gradient", e.params().get(i).gradientAfter(),
                        b.values(ps.get(i).gradient()), 1e-6);
                assertArrayEquals(e + ", parameter " + i + " value", e.params().get(i).valueAfter(),
                        b.values(ps.get(i).value()), 1e-6);
            }
        }
    }

    /**
     * Only trainable weights: each example's parameters given as BIAS, as SELF_INITIALIZED (a
     * normalization scale) and as frozen WEIGHTs give penalty 0 and come back bit for bit.
     */
    @Test
    public void biasesSelfInitializedAndFrozenAreUntouched() {
        for (RegularizerCase.Example e : c.examples()) {
            for (String as : List.of("BIAS", "SELF_INITIALIZED", "frozen")) {
                List<Parameter> ps = new ArrayList<>();
                for (RegularizerCase.Param p : e.params()) {
                    Parameter.Role role = as.equals("frozen") ? Parameter.Role.WEIGHT : Parameter.Role.valueOf(as);
                    Parameter q = parameter(Precision.FLOAT64, role, p.rows(), p.cols(), p.value(), p.gradient());
                    q.setFrozen(as.equals("frozen"));
                    ps.add(q);
                }
                assertEquals(e + " as " + as + ": penalty", 0, step(rule(), ps), 0);
                for (int i = 0; i < ps.size(); i++) {
                    assertSameBits(e + " as " + as + ", gradient " + i, e.params().get(i).gradient(),
                            b.values(ps.get(i).gradient()));
                    assertSameBits(e + " as " + as + ", value " + i, e.params().get(i).value(),
                            b.values(ps.get(i).value()));
                }
            }
        }
    }

    /** The rule keeps no state: the same example twice through one rule gives the same answer, bit for bit. */
    @Test
    public void ruleIsReusable() {
        RegularizationRule rule = rule();
        RegularizerCase.Example e = c.examples().get(0);
        List<Parameter> first = parameters(Precision.FLOAT64, e);
        List<Parameter> second = parameters(Precision.FLOAT64, e);
        double p1 = step(rule, first);
        double p2 = step(rule, second);
        assertEquals(Double.doubleToRawLongBits(p1), Double.doubleToRawLongBits(p2));
        for (int i = 0; i < first.size(); i++) {
            assertSameBits("gradient " + i, b.values(first.get(i).gradient()), b.values(second.get(i).gradient()));
            assertSameBits("value " + i, b.values(first.get(i).value()), b.values(second.get(i).value()));
        }
        rule.close();
    }

    /**
     * A penalty over weights with a NaN is NaN, with an infinity (and no NaN) +inf: the value shows the
     * problem. Components without a penalty return 0 whatever the weights.
     */
    @Test
    public void nonFiniteWeightsGiveANonFinitePenalty() {
        boolean penalizes = c.examples().stream().anyMatch(e -> e.penalty() != 0);
        double[][] weights = {{1, Double.NaN, 2, 3}, {1, Double.POSITIVE_INFINITY, Double.NaN, 3},
            {1, Double.NEGATIVE_INFINITY, 2, 3}};
        double[] expected = {Double.NaN, Double.NaN, Double.POSITIVE_INFINITY};
        for (int k = 0; k < weights.length; k++) {
            Parameter p = parameter(Precision.FLOAT64, Parameter.Role.WEIGHT, 2, 2, weights[k], new double[4]);
            assertEquals("penalty for weights " + Arrays.toString(weights[k]), penalizes ? expected[k] : 0,
                    rule().addPenalty(p), 0);
        }
    }

    /**
     * layerAfter inserts a layer only where the table says so; one that is inserted has the width asked
     * for, no parameters, and is the identity at evaluation.
     */
    @Test
    public void layersAreInsertedOnlyByActivationRegularizers() {
        Layer layer = rule().layerAfter(Stubs.layer("fc1", 3), 3, Stubs.factory(b, Precision.FLOAT64), 42);
        if (!c.insertsLayers()) {
            assertNull(c.name() + " inserts no layer", layer);
            return;
        }
        assertNotNull(c.name() + " inserts a layer", layer);
        try (layer) {
            assertEquals(3, layer.inputSize());
            assertEquals(3, layer.outputSize());
            assertTrue(layer.parameters().isEmpty());
            assertFalse("a name of its own", layer.name().equals("fc1"));
            Tensor x = b.tensor(2, 3, 1, -2, 3, 0.5, 0, -0.25);
            assertSame("identity at evaluation", x, layer.forward(x, false));
            assertSameBits("input untouched", new double[] {1, -2, 3, 0.5, 0, -0.25}, b.values(x));
        }
    }

    @Test
    public void badParametersAreRejectedByName() {
        assertFalse(c.bad().isEmpty());
        for (RegularizerCase.Bad bad : c.bad()) {
            try {
                Settings.validate(c.prefix(), Map.of(bad.key(), bad.value()), c.regularizer().parameters());
                fail(c.name() + " accepted " + bad);
            } catch (ConfigurationException e) {
                String m = e.getMessage();
                assertTrue(m, m.contains(c.prefix() + bad.key() + "=" + bad.value()));
                assertTrue(m, m.contains("allowed " + bad.allowed()));
            }
        }
    }

    /** Declared parameters: unique names, defaults that pass their own validation, a description each. */
    @Test
    public void parametersAreWellDeclared() {
        Set<String> names = new HashSet<>();
        for (ParameterSpec spec : c.regularizer().parameters()) {
            assertTrue("duplicate " + spec.name(), names.add(spec.name()));
            assertTrue(spec.name() + " has no description", !spec.description().isEmpty());
            spec.parse(c.prefix() + spec.name(), spec.defaultValue());
        }
        RegularizationRule defaults = c.regularizer().create(Settings.empty());
        Parameter p = parameter(Precision.FLOAT64, Parameter.Role.WEIGHT, 2, 2, new double[] {1, -2, 0, 0.5},
                new double[4]);
        double penalty = step(defaults, List.of(p));
        assertTrue("defaults work: penalty " + penalty, Double.isFinite(penalty) && penalty >= 0);
    }
}

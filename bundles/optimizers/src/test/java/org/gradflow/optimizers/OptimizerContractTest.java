package org.gradflow.optimizers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.nn.Parameter;
import org.gradflow.api.optimizer.UpdateRule;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** The tests every optimizer must pass, run over each entry of {@link OptimizerCases}. */
@RunWith(Parameterized.class)
public class OptimizerContractTest {
    private static final double TOL = 1e-12;

    @Parameters(name = "{0}")
    public static List<OptimizerCase> cases() {
        return OptimizerCases.ALL;
    }

    @Parameterized.Parameter
    public OptimizerCase c;

    private final ReferenceBackend b = new ReferenceBackend();

    private UpdateRule rule() {
        return c.optimizer().create(Settings.validate("optimizer.", c.settings(), c.optimizer().parameters()));
    }

    private Parameter parameter(Precision precision, double... values) {
        Tensor value = b.allocate(1, 2, precision);
        b.upload(values, 0, value);
        return new Parameter("w", Parameter.Role.WEIGHT, value, b.allocate(1, 2, precision), 2, 1);
    }

    private void step(UpdateRule rule, Parameter p, double[] gradient, long step, double factor) {
        b.upload(gradient, 0, p.gradient());
        rule.update(p, step, factor);
    }

    @Test
    public void firstThreeStepsMatchHandComputation() {
        UpdateRule rule = rule();
        Parameter p = parameter(Precision.FLOAT64, OptimizerCase.INITIAL);
        for (int t = 0; t < 3; t++) {
            step(rule, p, OptimizerCase.GRADIENTS[t], t + 1, 1);
            assertArrayEquals(c.name() + " after step " + (t + 1), c.expected()[t], b.values(p.value()), TOL);
        }
        rule.close();
    }

    /** Same steps on a FLOAT32 parameter: state follows the parameter's precision; float rounding only. */
    @Test
    public void float32ParameterFollowsTheSameSteps() {
        UpdateRule rule = rule();
        Parameter p = parameter(Precision.FLOAT32, OptimizerCase.INITIAL);
        for (int t = 0; t < 3; t++) {
            step(rule, p, OptimizerCase.GRADIENTS[t], t + 1, 1);
            assertArrayEquals(c.name() + " after step " + (t + 1), c.expected()[t], b.values(p.value()), 1e-6);
        }
    }

    /**
     * A frozen parameter keeps its value and gets no state: after three frozen steps, unfreezing it
     * gives exactly the first step (even though the trainer's step counter is at 4).
     */
    @Test
    public void frozenParameterIsUntouched() {
        UpdateRule rule = rule();
        Parameter p = parameter(Precision.FLOAT64, OptimizerCase.INITIAL);
        p.setFrozen(true);
        for (int t = 0; t < 3; t++) {
            step(rule, p, OptimizerCase.GRADIENTS[t], t + 1, 1);
            assertArrayEquals("frozen value", OptimizerCase.INITIAL, b.values(p.value()), 0);
            assertArrayEquals("gradient is not the optimizer's to change", OptimizerCase.GRADIENTS[t],
                    b.values(p.gradient()), 0);
        }
        p.setFrozen(false);
        step(rule, p, OptimizerCase.GRADIENTS[0], 4, 1);
        assertArrayEquals("first real update", c.expected()[0], b.values(p.value()), TOL);
    }

    /** The schedule's factor multiplies the learning rate: half the factor, half the first step. */
    @Test
    public void learningRateFactorScalesTheStep() {
        Parameter full = parameter(Precision.FLOAT64, OptimizerCase.INITIAL);
        Parameter half = parameter(Precision.FLOAT64, OptimizerCase.INITIAL);
        step(rule(), full, OptimizerCase.GRADIENTS[0], 1, 1);
        step(rule(), half, OptimizerCase.GRADIENTS[0], 1, 0.5);
        double[] f = b.values(full.value());
        double[] h = b.values(half.value());
        for (int i = 0; i < 2; i++) {
            double fullStep = f[i] - OptimizerCase.INITIAL[i];
            assertTrue(c.name() + " moved nothing", Math.abs(fullStep) > 1e-3);
            assertEquals("element " + i, 0.5 * fullStep, h[i] - OptimizerCase.INITIAL[i], TOL);
        }
    }

    /** Two parameters in one rule keep separate state: updating another in between changes nothing. */
    @Test
    public void parametersHaveSeparateState() {
        UpdateRule rule = rule();
        Parameter p = parameter(Precision.FLOAT64, OptimizerCase.INITIAL);
        Parameter other = parameter(Precision.FLOAT64, 3, 4);
        for (int t = 0; t < 3; t++) {
            step(rule, other, new double[] {7, -9}, t + 1, 1);
            step(rule, p, OptimizerCase.GRADIENTS[t], t + 1, 1);
        }
        assertArrayEquals(c.expected()[2], b.values(p.value()), TOL);
    }

    /** close() releases the state: the next update of the same parameter is a first step again. */
    @Test
    public void closeForgetsState() {
        UpdateRule rule = rule();
        Parameter p = parameter(Precision.FLOAT64, OptimizerCase.INITIAL);
        for (int t = 0; t < 3; t++) {
            step(rule, p, OptimizerCase.GRADIENTS[t], t + 1, 1);
        }
        rule.close();
        b.upload(OptimizerCase.INITIAL, 0, p.value());
        step(rule, p, OptimizerCase.GRADIENTS[0], 1, 1);
        assertArrayEquals(c.expected()[0], b.values(p.value()), TOL);
    }

    @Test
    public void badHyperParametersAreRejectedByName() {
        for (OptimizerCase.Bad bad : c.bad()) {
            try {
                Settings.validate("optimizer.", Map.of(bad.key(), bad.value()), c.optimizer().parameters());
                fail(c.name() + " accepted " + bad);
            } catch (ConfigurationException e) {
                String m = e.getMessage();
                assertTrue(m, m.contains("optimizer." + bad.key() + "=" + bad.value()));
                assertTrue(m, m.contains("allowed " + bad.allowed()));
            }
        }
    }

    /** Declared parameters: unique names, defaults that pass their own validation, a description each. */
    @Test
    public void parametersAreWellDeclared() {
        Set<String> names = new HashSet<>();
        for (ParameterSpec spec : c.optimizer().parameters()) {
            assertTrue("duplicate " + spec.name(), names.add(spec.name()));
            assertTrue(spec.name() + " has no description", !spec.description().isEmpty());
            spec.parse("optimizer." + spec.name(), spec.defaultValue());
        }
        assertTrue("every optimizer takes a learning rate", names.contains("lr"));
        c.optimizer().create(Settings.empty()).close();
    }
}

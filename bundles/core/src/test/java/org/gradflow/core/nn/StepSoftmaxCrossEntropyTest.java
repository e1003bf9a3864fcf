package org.gradflow.core.nn;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Random;

import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.testkit.GradientCheck;
import org.gradflow.testkit.ReferenceBackend;
import org.junit.Test;

/** The per-step softmax cross-entropy: hand-computed value, finite differences, per-step accuracy. */
public class StepSoftmaxCrossEntropyTest {
    private final ReferenceBackend b = new ReferenceBackend();

    @Test
    public void valueIsTheMeanOverExamplesAndStepsOfEachStepsCrossEntropy() {
        // one example, 2 steps of 2 classes: step 0 logits [0, ln 3] -> p = [1/4, 3/4], target class 1;
        // step 1 logits [0, 0] -> p = [1/2, 1/2], target class 0. L = (-ln(3/4) - ln(1/2)) / 2
        StepSoftmaxCrossEntropy loss = new StepSoftmaxCrossEntropy(b, Precision.FLOAT64, 2);
        double v = loss.value(b.tensor(1, 4, 0, Math.log(3), 0, 0), b.tensor(1, 4, 0, 1, 1, 0));
        assertEquals((-Math.log(0.75) - Math.log(0.5)) / 2, v, 1e-15);
    }

    @Test
    public void gradientMatchesFiniteDifferences() {
        Random r = new Random(11);
        int steps = 3;
        int k = 4;
        double[] x = new double[2 * steps * k];
        double[] t = new double[2 * steps * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * r.nextGaussian();
        }
        for (int block = 0; block < 2 * steps; block++) {
            t[block * k + r.nextInt(k)] = 1;
        }
        Tensor logits = b.tensor(2, steps * k, x);
        Tensor targets = b.tensor(2, steps * k, t);
        Tensor grad = b.allocate(2, steps * k, Precision.FLOAT64);
        StepSoftmaxCrossEntropy loss = new StepSoftmaxCrossEntropy(b, Precision.FLOAT64, steps);
        loss.valueAndGradient(logits, targets, grad);
        GradientCheck.check("step-softmax-cross-entropy", List.of(new GradientCheck.Variable("logits", logits,
                b.values(grad))), () -> loss.value(logits, targets), 1e-6);
    }

    @Test
    public void oneStepEqualsThePlainSoftmaxCrossEntropy() {
        Random r = new Random(12);
        double[] x = new double[3 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        Tensor logits = b.tensor(3, 5, x);
        Tensor targets = b.tensor(3, 5, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        double plain = new SoftmaxCrossEntropy(b, Precision.FLOAT64).value(logits, targets);
        assertEquals(plain, new StepSoftmaxCrossEntropy(b, Precision.FLOAT64, 1).value(logits, targets), 1e-15);
    }

    @Test
    public void correctStepsCountsEachStepWhoseArgmaxMatches() {
        StepSoftmaxCrossEntropy loss = new StepSoftmaxCrossEntropy(b, Precision.FLOAT64, 3);
        // 2 examples, 3 steps, 2 classes; predictions: ex0 [1, 0, 1], ex1 [0, 0, 0]; targets: ex0 [1, 1, 1], ex1 [0, 1, 0]
        Tensor out = b.tensor(2, 6, 0, 1, 1, 0, 0, 2, 5, 1, 3, 2, 1, 0);
        Tensor targets = b.tensor(2, 6, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0);
        assertEquals(4, loss.correctSteps(out, targets));
    }
}

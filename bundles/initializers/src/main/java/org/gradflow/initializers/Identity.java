package org.gradflow.initializers;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * The scaled identity: {@code W = gain * I}, that is {@code w[i][i] = gain} and every other weight 0.
 * For a non-square {@code [fanOut, fanIn]} matrix the gain goes on the main diagonal,
 * {@code i < min(fanOut, fanIn)}, and the rest is 0 (as PyTorch's {@code eye_}): with
 * {@code fanOut > fanIn} the extra outputs start at 0, with {@code fanOut < fanIn} the extra inputs are
 * ignored at first. Deterministic: it draws nothing from {@code random}.
 *
 * <p>Le et al. initialize the recurrent matrix of a ReLU RNN this way (IRNN): with gain 1 and zero bias
 * each step passes its non-negative state through unchanged, so at the start of training the gradient
 * neither vanishes nor explodes along the time axis, much as the LSTM's constant error carousel keeps it.
 * In a deep feed-forward ReLU stack of square layers each layer likewise starts as the identity on
 * non-negative inputs (every singular value exactly gain, output unit i a copy of input i), so signals
 * and gradients pass through depth unchanged and training moves the weights away from there.
 * Reference: Le, Jaitly &amp; Hinton,
 * "A Simple Way to Initialize Recurrent Networks of Rectified Linear Units", arXiv:1504.00941, 2015.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "identity", description = "gain * I on the main diagonal, 0 elsewhere (IRNN)")
public final class Identity implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", 1, "value on the diagonal").positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAIN);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        double gain = settings.real(GAIN);
        Arrays.fill(values, 0);
        for (int i = 0; i < Math.min(fanOut, fanIn); i++) {
            values[i * fanIn + i] = gain;
        }
    }
}

package org.gradflow.initializers;

import java.util.List;
import java.util.Random;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.initializer.Initializer;
import org.osgi.service.component.annotations.Component;

/**
 * A random orthogonal matrix times {@code gain}, uniformly distributed (Haar measure) over the
 * orthogonal matrices:
 * <pre>
 * m = max(fanOut, fanIn), n = min(fanOut, fanIn)
 * 1. G: m x n, each entry N(0, 1), drawn row by row from random
 * 2. G = Q R by Householder reflections (HouseholderQr), Q: m x n with orthonormal columns
 * 3. multiply column j of Q by sign(R[j][j])       (R gets a positive diagonal; Q is then Haar)
 * 4. W = gain Q if fanOut &gt;= fanIn, else W = gain Q^T
 * </pre>
 * So {@code W W^T = gain^2 I} (orthonormal rows) when {@code fanOut <= fanIn}, {@code W^T W = gain^2 I}
 * (orthonormal columns) otherwise, and both for a square matrix; each weight has variance
 * {@code gain^2 / max(fanOut, fanIn)}. Step 3 matters: Householder QR (and LAPACK) returns an R whose
 * diagonal signs follow the algorithm, not the data, which biases Q; fixing R's diagonal positive makes
 * the factorization unique, and Q then inherits the rotation invariance of G (Mezzadri).
 *
 * <p>Why: every singular value of W is exactly gain, so a linear layer preserves the norm of every
 * input and of every back-propagated gradient, not just their average. Saxe et al. show that deep
 * linear networks initialized this way have depth-independent learning times (dynamical isometry),
 * where scaled Gaussian matrices, whose singular values spread out, make gradients vanish or explode in
 * some directions as depth grows. For a ReLU stack use gain sqrt(2), for tanh about 5/3 (see the package
 * doc). Cost: {@code O(m n^2)} once per matrix, about 1.5 s at 1024 x 1024 on one core. References: Saxe,
 * McClelland &amp; Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural
 * networks", ICLR 2014; Mezzadri, "How to generate random matrices from the classical compact groups",
 * Notices of the AMS 54, 2007.
 */
@Component(service = Initializer.class)
@GradflowComponent(name = "orthogonal", description = "gain * a random orthogonal matrix (QR of a Gaussian)")
public final class Orthogonal implements Initializer {
    static final ParameterSpec GAIN = ParameterSpec.real("gain", 1, "every singular value of the matrix")
            .positive();

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(GAIN);
    }

    @Override
    public void fill(double[] values, int fanOut, int fanIn, Settings settings, Random random) {
        Draw.checkShape(values, fanOut, fanIn);
        double gain = settings.real(GAIN);
        int m = Math.max(fanOut, fanIn);
        int n = Math.min(fanOut, fanIn);
        double[] g = new double[m * n];
        Draw.normal(g, 1, random);
        double[] q = HouseholderQr.decompose(g, m, n).q(); // m x n, row-major, sign-corrected
        if (fanOut >= fanIn) {
            for (int i = 0; i < q.length; i++) {
                values[i] = gain * q[i];
            }
        } else {
            for (int r = 0; r < n; r++) { // W = Q^T: [n, m]
                for (int c = 0; c < m; c++) {
                    values[r * m + c] = gain * q[c * n + r];
                }
            }
        }
    }
}

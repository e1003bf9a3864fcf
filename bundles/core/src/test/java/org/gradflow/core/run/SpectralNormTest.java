package org.gradflow.core.run;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Random;

import org.junit.Test;

/** The power iteration against matrices whose largest singular value is known in closed form. */
public class SpectralNormTest {
    @Test
    public void diagonalMatrixGivesItsLargestAbsoluteEntry() {
        double[] m = {0.5, 0, 0, 0, -3, 0, 0, 0, 2};
        assertEquals(3, SpectralNorm.largestSingularValue(m, 0, 3, 3), 1e-10);
    }

    @Test
    public void twoByTwoMatchesTheClosedForm() {
        // [[1, 2], [3, 4]]: sigma_max = sqrt((30 + sqrt(30^2 - 4 * 2^2)) / 2), from tr(A^T A) = 30, det(A)^2 = 4
        double[] m = {1, 2, 3, 4};
        double expected = Math.sqrt((30 + Math.sqrt(900 - 16)) / 2);
        assertEquals(expected, SpectralNorm.largestSingularValue(m, 0, 2, 2), 1e-10);
    }

    @Test
    public void rotationTimesScaleGivesTheScale() {
        double a = 0.7;
        double[] m = {1.5 * Math.cos(a), -1.5 * Math.sin(a), 1.5 * Math.sin(a), 1.5 * Math.cos(a)};
        assertEquals(1.5, SpectralNorm.largestSingularValue(m, 0, 2, 2), 1e-12);
    }

    @Test
    public void readsTheBlockAtTheOffsetAndHandlesRectangularAndZeroMatrices() {
        double[] m = {9, 9, 9, 0, 0, 0, 0, 0, 0};
        assertEquals(0, SpectralNorm.largestSingularValue(m, 3, 2, 3), 0);
        double[] rank1 = {1, 2, 2, 4, 3, 6}; // u v^T with u = (1, 2, 3), v = (1, 2): sigma = |u| |v|
        assertEquals(Math.sqrt(14) * Math.sqrt(5), SpectralNorm.largestSingularValue(rank1, 0, 3, 2), 1e-10);
    }

    @Test
    public void randomMatrixAgreesWithTheFrobeniusBoundsAndTheRowNorms() {
        Random r = new Random(3);
        int n = 20;
        double[] m = new double[n * n];
        double frob = 0;
        double maxRow = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                m[i * n + j] = r.nextGaussian();
                row += m[i * n + j] * m[i * n + j];
            }
            frob += row;
            maxRow = Math.max(maxRow, Math.sqrt(row));
        }
        double sigma = SpectralNorm.largestSingularValue(m, 0, n, n);
        // max row norm <= sigma_max <= Frobenius norm
        assertTrue(sigma + " within [" + maxRow + ", " + Math.sqrt(frob) + "]",
                sigma >= maxRow - 1e-12 && sigma <= Math.sqrt(frob) + 1e-12);
    }

    @Test
    public void agreesWithOjAlgosSingularValueDecompositionOnRandomMatrices() {
        Random r = new Random(17);
        for (int trial = 0; trial < 20; trial++) {
            int rows = 1 + r.nextInt(40);
            int cols = 1 + r.nextInt(40);
            double scale = Math.pow(10, r.nextInt(7) - 3);
            double[] m = new double[rows * cols];
            for (int i = 0; i < m.length; i++) {
                m[i] = scale * r.nextGaussian();
            }
            // wrapped column-major with 'cols' rows, the store is m's transpose: same singular values
            org.ojalgo.matrix.decomposition.SingularValue<Double> svd = org.ojalgo.matrix.decomposition.SingularValue.R064.make();
            svd.decompose(org.ojalgo.matrix.store.R064Store.wrap(m, cols));
            double exact = svd.getOperatorNorm();
            assertEquals(rows + "x" + cols + " scale " + scale, exact, SpectralNorm.largestSingularValue(m, 0, rows, cols),
                    1e-6 * exact);
        }
    }
}

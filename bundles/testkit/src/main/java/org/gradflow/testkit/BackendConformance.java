package org.gradflow.testkit;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Random;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.activation.GateFunction;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.NormAxis;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.api.tensor.TensorStats;
import org.junit.Test;

/**
 * The conformance suite every {@link ComputeBackend} must pass: each operation on the backend under
 * test is compared, element by element, with the test kit's {@link ReferenceBackend} (the SPI's Javadoc
 * written as plain double loops) on the same inputs, in every precision the backend declares. Inputs are
 * random, of many shapes (1xN, Nx1, non-square, all four transpose combinations, several alpha/beta),
 * and mixed with zero, negative zero, huge values, NaN and infinities, because a backend that agrees on
 * random data can still disagree on NaN (the DJL clip lesson). A subclass only says which backend:
 *
 * <pre>
 * public class MyBackendConformanceTest extends BackendConformance {
 *     protected ComputeBackend backend() { return new MyBackend(); }
 * }
 * </pre>
 *
 * <p>Uses only the API and the test kit, so it can move to the test kit unchanged (but the package).
 *
 * <h2>Tolerances</h2>
 * Let {@code u} be the unit roundoff of the precision ({@code 2^-53} for FLOAT64, {@code 2^-24} for
 * FLOAT32), and {@code floor} its smallest normal number. Bounds are absolute, scaled by the magnitude of
 * the terms that make up each result rather than by the result, so that cancellation (a result near 0
 * from large terms) cannot make a correct backend fail, and no bound depends on a lucky test input.
 * <table>
 * <caption>allowed |backend - reference|</caption>
 * <tr><th>operations</th><th>bound</th><th>why</th></tr>
 * <tr><td>upload, download, copy, fill, clamp, argmaxRows, stats counts and maxAbs, maximum</td><td>0 (exact)</td>
 * <td>no arithmetic, or only comparisons</td></tr>
 * <tr><td>dropoutMask</td><td>bit for bit</td><td>the SPI fixes the random numbers, and the mask holds only
 * 0 and {@code scale} rounded to the precision</td></tr>
 * <tr><td>addScaledSign, sqrt: FLOAT64</td><td>0 (exact)</td><td>one correctly rounded operation
 * ({@code a * sign(x)} is exact), which IEEE arithmetic gives identically everywhere</td></tr>
 * <tr><td>sqrt: FLOAT32</td><td>{@code 2u * |result| + floor}</td><td>the reference rounds the exact
 * root once; a float square root that is not correctly rounded (fast-math) is within one ulp</td></tr>
 * <tr><td>axpby, addScaledSquare, multiply, addRowVector, activate,
 * activateBackward, addScaledSign: FLOAT32</td><td>{@code 4u * sum|terms| + floor}</td><td>a formula of 2-3 operations; the
 * reference rounds once, a backend may round after each operation (float arithmetic) or fuse them
 * (FMA): at most 3 roundings of terms no larger than {@code sum|terms|}, plus one of the result. For
 * activate the terms are {@code |f(z)|}: a backend's own kernel for a function of a standard
 * {@code ActivationFunction.Form} must be within 4u of the function's value rounded once (the float
 * kernels of the vector backend measure at most 2.5u)</td></tr>
 * <tr><td>addScaledRatio</td><td>{@code 7u * sum|terms| + floor}</td><td>{@code y + a * num / (sqrt(den) + eps)}
 * is five operations, not 2-3: in float arithmetic the ratio term {@code q} collects the roundings of
 * {@code a} and {@code eps} to the precision, of the product, the root, the sum and the quotient, at most
 * {@code 5u |q|} (the root and eps enter the sum weighted by their share of it, so together at most u),
 * then one rounding of {@code y + q}, and the reference's one: {@code 5u |q| + 2u |y + q| <= 7u (|y| + |q|)}</td></tr>
 * <tr><td>matmul</td><td>{@code 2(k+2)u * (|alpha| sum_p |a_ip b_pj| + |beta c_ij|) + floor}</td>
 * <td>any summation order of a length-k dot product is within {@code gamma_k = ku/(1-ku)} of
 * {@code sum|a b|} (Higham, Accuracy and Stability, 3.1); doubled because the reference is rounded too,
 * +2 for alpha, beta and the output rounding. On random data the actual error is near
 * {@code sqrt(k) u}, far inside: the bound only excludes real errors, never a blocking or threading
 * order</td></tr>
 * <tr><td>sumRows, squaredDistance, crossEntropy, stats l2, sumAbs</td><td>{@code 2(n+4)u * sum|terms| + floor}</td>
 * <td>the same bound for a sum of n terms, plus the rounding of the log or the square root</td></tr>
 * <tr><td>softmaxRows</td><td>{@code 2(cols+8)u * p + floor}</td><td>exp to a few ulps, the row
 * sum of cols terms, one division</td></tr>
 * <tr><td>capRowNorms</td><td>{@code 2(cols+4)u * |result| + floor}</td><td>the row's sum of squares has
 * only positive terms, so any order is within {@code gamma_cols} of it relative to the sum itself, half
 * that after the square root; then the division and the product, doubled for the reference. Relative to
 * the result, because a capped row is far smaller than its inputs. Where a row's norm is within that
 * error of {@code maxNorm} one side may cap it and the other not; the difference is the same size</td></tr>
 * <tr><td>normalize: mean</td><td>{@code 2(n+4)u * sum|x| / n + floor}</td><td>the sum bound for the
 * n values along the axis, then the division</td></tr>
 * <tr><td>normalize: var</td><td>{@code 2(n+4)u * var + 2 dm^2 + floor}, {@code dm} the mean's bound</td>
 * <td>the two-pass formula: with a mean off by {@code d}, {@code sum (x - m - d)^2 = sum (x - m)^2 + n d^2}
 * (the deviations from the exact mean sum to 0), so the mean's error enters only squared; the rest is a
 * sum of n positive terms (any order within {@code gamma_n} of the sum itself), each a rounded difference
 * squared (3u), and the division; doubled for the reference. Relative to var itself, so a one-pass
 * {@code E[x^2] - E[x]^2}, which loses {@code u * mean^2 / var} to cancellation, does not pass on shifted data</td></tr>
 * <tr><td>normalize, normalizeWith: xhat</td><td>{@code (2u|x - m| + 2dm) / sd + |xhat| (dv / (var + eps) + 6u) + floor}</td>
 * <td>{@code sd = sqrt(var + eps)}: the numerator's error (a rounding, and the mean's bound {@code dm} on
 * each side), over sd; the denominator's relative error (half the variance's {@code dv} through the root,
 * each side), and the roundings of the add, root and division. normalizeWith takes mean and var as
 * given ({@code dm = dv = 0}, numerator rounding {@code 2u(|x| + |m|)})</td></tr>
 * <tr><td>normalizeBackward</td><td>{@code s (4u T + dg + |xhat| dgh) + 6u |result| + floor}</td><td>{@code s = 1/sqrt(var + eps)},
 * {@code T = |g| + |mean g| + |xhat mean(g xhat)|} the terms of the bracket (three operations), {@code dg, dgh}
 * the sum bounds of the two means; then s (add, root, division) and the product</td></tr>
 * <tr><td>scaleShift, prelu, scaleShiftBackward gradXhat, preluBackward gradX</td><td>{@code 4u * sum|terms| + floor}</td>
 * <td>as the other formulas of 1-2 operations</td></tr>
 * <tr><td>gradGamma, gradBeta, gradSlope</td><td>{@code 2(B+5)u * (|old| + sum|terms|) + floor}</td><td>a sum of
 * B terms added to the old contents (B+1 terms)</td></tr>
 * </table>
 * NaN must be NaN exactly where the reference gives NaN; an infinity must be the same infinity.
 */
public abstract class BackendConformance {
    /** The backend under test. */
    protected abstract ComputeBackend backend();

    private final ReferenceBackend ref = new ReferenceBackend();
    private final Random random = new Random(20240611L);

    // ------------------------------------------------------------------ shape and memory basics

    @Test
    public void declaresFloat64() {
        assertTrue("every backend supports FLOAT64", backend().precisions().contains(Precision.FLOAT64));
    }

    @Test
    public void allocateGivesAZeroFilledTensorOfTheShapeAsked() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            Tensor t = be.allocate(3, 5, p);
            assertEquals(3, t.rows());
            assertEquals(5, t.cols());
            assertEquals(15, t.size());
            assertEquals(p, t.precision());
            assertSame(be, t.backend());
            double[] v = new double[15];
            java.util.Arrays.fill(v, 7);
            be.download(t, v, 0);
            assertArrayEquals(p + ": allocate must zero-fill", new double[15], v, 0);
            t.close();
            t.close(); // idempotent
        }
    }

    @Test
    public void uploadAndDownloadKeepRowMajorOrderAndOffsets() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double[] source = new double[3 + 6];
            for (int i = 0; i < source.length; i++) {
                source[i] = i + 0.1;
            }
            Tensor t = be.allocate(2, 3, p);
            be.upload(source, 3, t);
            double[] back = new double[2 + 6 + 1];
            be.download(t, back, 2);
            for (int i = 0; i < 6; i++) {
                assertEquals(p + ": element " + i, round(p, source[3 + i]), back[2 + i], 0);
            }
            assertEquals("download must not write before the offset", 0, back[1], 0);
            assertEquals("download must not write past the tensor", 0, back[8], 0);
            // row-major: element [1][0] is the 4th value; the product with a unit column picks a row
            Tensor e = upload(be, p, 3, 1, 1, 0, 0);
            Tensor firstColumn = be.allocate(2, 1, p);
            be.matmul(t, false, e, false, 1, 0, firstColumn);
            assertArrayEquals(p + ": t[i][0] read through matmul", new double[] {round(p, 3.1), round(p, 6.1)},
                    download(be, firstColumn), 0);
        }
    }

    @Test
    public void copyAndFillAreExact() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double[] v = special(p, 12);
            Tensor a = upload(be, p, 3, 4, v);
            Tensor b = be.allocate(3, 4, p);
            be.copy(a, b);
            assertExactly(p + " copy", download(ref, refUpload(p, 3, 4, v)), download(be, b));
            be.fill(b, -2.5);
            for (double x : download(be, b)) {
                assertEquals(-2.5, x, 0);
            }
            be.fill(b, Double.NaN);
            for (double x : download(be, b)) {
                assertTrue(Double.isNaN(x));
            }
        }
    }

    @Test
    public void copyColumnsCopiesAndAccumulatesABlockAndLeavesTheRestAlone() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double[] src = gaussian(3 * 7);
            double[] dst = gaussian(3 * 5);
            dst[1] = Double.NaN; // inside the block written with beta = 0: must be ignored
            for (double beta : new double[] {0, 1, -0.5}) {
                Tensor s = upload(be, p, 3, 7, src);
                Tensor t = upload(be, p, 3, 5, dst);
                Tensor rs = refUpload(p, 3, 7, src);
                Tensor rt = refUpload(p, 3, 5, dst);
                be.copyColumns(s, 4, t, 1, 3, beta);
                ref.copyColumns(rs, 4, rt, 1, 3, beta);
                double[] expected = download(ref, rt);
                double[] actual = download(be, t);
                for (int i = 0; i < expected.length; i++) {
                    boolean inBlock = i % 5 >= 1 && i % 5 < 4;
                    if (!inBlock || beta == 0) {
                        assertEquals(p + " copyColumns beta=" + beta + " element " + i, expected[i], actual[i], 0);
                    } else {
                        assertEquals(p + " copyColumns beta=" + beta + " element " + i, expected[i], actual[i],
                                p == Precision.FLOAT32 ? 1e-5 * (1 + Math.abs(expected[i])) : 1e-15);
                    }
                }
                if (beta == 0) {
                    assertFalse("NaN in the overwritten block must not survive", Double.isNaN(actual[1]));
                }
            }
            Tensor s = be.allocate(2, 3, p);
            Tensor t = be.allocate(2, 3, p);
            assertThrows(IllegalArgumentException.class, () -> be.copyColumns(s, 1, t, 0, 3, 0));
            assertThrows(IllegalArgumentException.class, () -> be.copyColumns(s, 0, be.allocate(3, 3, p), 0, 1, 0));
        }
    }

    // ------------------------------------------------------------------ matmul

    /** {m, k, n}: scalars, vectors both ways, thin, non-square, and sizes past blocking thresholds. */
    private static final int[][] PRODUCT_SHAPES = {
        {1, 1, 1}, {1, 5, 7}, {7, 5, 1}, {1, 1, 8}, {8, 1, 1}, {3, 1, 4}, {2, 3, 4}, {5, 4, 3}, {4, 4, 4},
        {17, 33, 9}, {40, 64, 48}, {64, 40, 70}, {33, 33, 33}, {100, 37, 65}, {50, 40, 10}, {10, 40, 50},
    };

    private static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {-0.5, 2.5}, {2, 0}, {0.75, -1}};

    @Test
    public void matmulMatchesTheReferenceOnAllTransposesAndScalings() {
        for (Precision p : backend().precisions()) {
            for (int[] s : PRODUCT_SHAPES) {
                for (int t = 0; t < 4; t++) {
                    for (double[] ab : ALPHA_BETA) {
                        double[] opA = gaussian(s[0] * s[1]);
                        double[] opB = gaussian(s[1] * s[2]);
                        double[] c = gaussian(s[0] * s[2]);
                        checkProduct(p, s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0, ab[0], ab[1], opA, opB, c);
                    }
                }
            }
        }
    }

    @Test
    public void matmulWithBetaZeroIgnoresNanInC() {
        for (Precision p : backend().precisions()) {
            for (int[] s : new int[][] {{3, 4, 5}, {40, 64, 48}, {50, 40, 10}, {1, 6, 1}}) {
                for (int t = 0; t < 4; t++) {
                    double[] c = new double[s[0] * s[2]];
                    java.util.Arrays.fill(c, Double.NaN);
                    c[0] = Double.POSITIVE_INFINITY;
                    double[] got = checkProduct(p, s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0, 1.5, 0,
                            gaussian(s[0] * s[1]), gaussian(s[1] * s[2]), c);
                    for (double v : got) {
                        assertTrue(p + ": beta = 0 must ignore NaN and Inf in c, got " + v, Double.isFinite(v));
                    }
                }
            }
        }
    }

    @Test
    public void matmulPropagatesNanAndInfinityLikeTheReference() {
        for (Precision p : backend().precisions()) {
            for (int[] s : new int[][] {{3, 4, 5}, {40, 64, 48}, {50, 40, 10}, {36, 64, 40}}) {
                int m = s[0], k = s[1], n = s[2];
                for (int t = 0; t < 4; t++) {
                    double[] opA = sprinkle(gaussian(m * k), p, 0.03);
                    double[] opB = sprinkle(gaussian(k * n), p, 0.03);
                    // row 1 of op(a) is all zeros and row 1 of op(b) all +Inf: 0 * Inf = NaN must show
                    for (int q = 0; q < k; q++) {
                        opA[1 * k + q] = 0;
                    }
                    for (int j = 0; j < n; j++) {
                        opB[Math.min(1, k - 1) * n + j] = Double.POSITIVE_INFINITY;
                    }
                    checkProduct(p, m, k, n, (t & 2) != 0, (t & 1) != 0, 1, 1, opA, opB, sprinkle(gaussian(m * n), p, 0.03));
                }
            }
        }
    }

    @Test
    public void matmulOnHugeAndTinyMagnitudes() {
        for (Precision p : backend().precisions()) {
            double huge = huge(p);
            for (double scale : new double[] {huge, -huge, 1e-20}) {
                for (int t = 0; t < 4; t++) {
                    double[] opA = gaussian(40 * 64);
                    double[] opB = gaussian(64 * 48);
                    for (int i = 0; i < opA.length; i++) {
                        opA[i] *= scale;
                    }
                    checkProduct(p, 40, 64, 48, (t & 2) != 0, (t & 1) != 0, 1, 0, opA, opB, gaussian(40 * 48));
                }
            }
        }
    }

    @Test
    public void matmulWithEmptyInnerDimensionScalesC() {
        for (Precision p : backend().precisions()) {
            checkProduct(p, 2, 0, 3, false, false, 1, 0.5, new double[0], new double[0], gaussian(6));
            double[] nan = new double[6];
            java.util.Arrays.fill(nan, Double.NaN);
            double[] got = checkProduct(p, 2, 0, 3, true, true, 1, 0, new double[0], new double[0], nan);
            assertArrayEquals(p + ": an empty sum with beta = 0 is 0", new double[6], got, 0);
        }
    }

    @Test
    public void matmulRejectsShapesThatDoNotAgreeAndNamesThem() {
        ComputeBackend be = backend();
        Tensor a = be.allocate(2, 3, Precision.FLOAT64);
        Tensor b = be.allocate(4, 5, Precision.FLOAT64);
        Tensor c = be.allocate(2, 5, Precision.FLOAT64);
        expectIllegalArgument("inner dimensions 3 vs 4", () -> be.matmul(a, false, b, false, 1, 0, c), "2x3", "4x5");
        Tensor b2 = be.allocate(3, 5, Precision.FLOAT64);
        Tensor c2 = be.allocate(5, 2, Precision.FLOAT64);
        expectIllegalArgument("wrong output shape", () -> be.matmul(a, false, b2, false, 1, 0, c2), "5x2");
        expectIllegalArgument("transposed inner dimensions", () -> be.matmul(a, true, b2, false, 1, 0, c), "2x3");
    }

    @Test
    public void operationsRejectTensorsOfAnotherBackendOrShape() {
        ComputeBackend be = backend();
        Tensor mine = be.allocate(2, 3, Precision.FLOAT64);
        Tensor foreign = ref.allocate(2, 3, Precision.FLOAT64);
        expectIllegalArgument("axpby with a foreign x", () -> be.axpby(1, foreign, 1, mine), "2x3");
        expectIllegalArgument("copy to a foreign target", () -> be.copy(mine, foreign), "2x3");
        Tensor other = be.allocate(3, 2, Precision.FLOAT64);
        expectIllegalArgument("axpby shapes", () -> be.axpby(1, other, 1, mine), "3x2", "2x3");
        expectIllegalArgument("multiply shapes", () -> be.multiply(other, mine), "3x2", "2x3");
        Tensor row = be.allocate(1, 2, Precision.FLOAT64);
        expectIllegalArgument("addRowVector shapes", () -> be.addRowVector(row, mine), "1x2", "2x3");
        expectIllegalArgument("sumRows shapes", () -> be.sumRows(mine, 0, row), "1x2", "2x3");
        expectIllegalArgument("softmaxRows shapes", () -> be.softmaxRows(mine, other), "3x2", "2x3");
        expectIllegalArgument("addScaledSign shapes", () -> be.addScaledSign(1, other, mine), "3x2", "2x3");
        expectIllegalArgument("maximum shapes", () -> be.maximum(other, mine), "3x2", "2x3");
        expectIllegalArgument("sqrt shapes", () -> be.sqrt(other, mine), "3x2", "2x3");
        expectIllegalArgument("maximum with a foreign x", () -> be.maximum(foreign, mine), "2x3");
        expectIllegalArgument("sumAbs of a foreign tensor", () -> be.sumAbs(foreign), "2x3");
        expectIllegalArgument("capRowNorms of a foreign tensor", () -> be.capRowNorms(1, foreign), "2x3");
        expectIllegalArgument("dropoutMask into a foreign tensor", () -> be.dropoutMask(0.5, 2, 1, foreign), "2x3");
    }

    // ------------------------------------------------------------------ element-wise

    private static final int[][] ELEMENT_SHAPES = {{1, 1}, {1, 7}, {7, 1}, {5, 3}, {33, 17}};

    /** {@link #ELEMENT_SHAPES} and two random ones (from the suite's seed: the same on every run). */
    private int[][] elementShapes() {
        int[][] shapes = java.util.Arrays.copyOf(ELEMENT_SHAPES, ELEMENT_SHAPES.length + 2);
        shapes[shapes.length - 2] = new int[] {1 + random.nextInt(64), 1 + random.nextInt(64)};
        shapes[shapes.length - 1] = new int[] {1 + random.nextInt(8), 64 + random.nextInt(200)};
        return shapes;
    }

    @Test
    public void elementWiseOperationsMatchTheReferenceOnSpecialValues() {
        for (Precision p : backend().precisions()) {
            for (int[] s : ELEMENT_SHAPES) {
                int r = s[0], c = s[1], n = r * c;
                double[] x = special(p, n);
                double[] y = special(p, n);
                double[] z = special(p, n);
                for (double[] ab : new double[][] {{0.3, -1.7}, {1, 0}, {0, 1}, {-2, 2}}) {
                    checkElementWise(p, r, c, "axpby(" + ab[0] + ", " + ab[1] + ")",
                            (be, t) -> be.axpby(ab[0], t[0], ab[1], t[1]), 1,
                            i -> Math.abs(ab[0] * x[i]) + Math.abs(ab[1] * y[i]), x, y);
                    checkElementWise(p, r, c, "addScaledSquare(" + ab[0] + ", " + ab[1] + ")",
                            (be, t) -> be.addScaledSquare(ab[0], t[0], ab[1], t[1]), 1,
                            i -> Math.abs(ab[1] * y[i]) + Math.abs(ab[0] * x[i] * x[i]), x, y);
                }
                double[] den = absolute(z);
                checkElementWise(p, r, c, "addScaledRatio", (be, t) -> be.addScaledRatio(-0.01, t[0], t[1], 1e-8, t[2]),
                        (i, e) -> 7 * unit(p) * (Math.abs(y[i]) + Math.abs(0.01 * x[i] / (Math.sqrt(den[i]) + 1e-8))) + floor(p),
                        x, den, y);
                checkElementWise(p, r, c, "addScaledRatio, negative den", (be, t) -> be.addScaledRatio(0.5, t[0], t[1], 0, t[2]),
                        (i, e) -> 7 * unit(p) * (Math.abs(y[i]) + Math.abs(0.5 * x[i] / Math.sqrt(Math.abs(z[i])))) + floor(p),
                        x, z, y);
                checkElementWise(p, r, c, "multiply", (be, t) -> be.multiply(t[0], t[1]), 1, i -> Math.abs(x[i] * y[i]), x, y);
                checkElementWise(p, r, c, "clamp", (be, t) -> be.clamp(-0.5, 0.7, t[0]), 0, i -> 0, y);
                checkElementWise(p, r, c, "clamp(-inf, inf)", (be, t) -> be.clamp(Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY, t[0]), 0, i -> 0, y);
                for (ActivationFunction f : ACTIVATIONS) {
                    checkElementWise(p, r, c, "activate " + f, (be, t) -> be.activate(f, t[0], t[1]), 1,
                            i -> Math.abs(f.value(x[i])), x, y);
                    double[] a = new double[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = f.value(x[i]);
                    }
                    checkElementWise(p, r, c, "activateBackward " + f, (be, t) -> be.activateBackward(f, t[0], t[1], t[2], t[3]), 3,
                            i -> Math.abs(y[i] * f.derivative(x[i], a[i])), x, a, y, z);
                }
                double[] row = special(p, c);
                Tensor br = upload(backend(), p, 1, c, row);
                Tensor bm = upload(backend(), p, r, c, x);
                Tensor rr = refUpload(p, 1, c, row);
                Tensor rm = refUpload(p, r, c, x);
                backend().addRowVector(br, bm);
                ref.addRowVector(rr, rm);
                double[] bound = new double[n];
                for (int i = 0; i < n; i++) {
                    bound[i] = 4 * unit(p) * (Math.abs(x[i]) + Math.abs(row[i % c])) + floor(p);
                }
                assertClose(p + " addRowVector " + r + "x" + c, r, c, download(ref, rm), download(backend(), bm), bound);
            }
        }
    }

    @Test
    public void inPlaceForms() {
        for (Precision p : backend().precisions()) {
            double[] x = special(p, 15);
            double[] z = special(p, 15);
            checkElementWise(p, 3, 5, "axpby with x = y", (be, t) -> be.axpby(0.5, t[0], -1.5, t[0]), 0,
                    i -> 2 * Math.abs(x[i]), x);
            for (ActivationFunction f : List.of(TANH, GateFunction.TANH)) {
                checkElementWise(p, 3, 5, "activate " + f + " with z = a", (be, t) -> be.activate(f, t[0], t[0]), 1,
                        i -> Math.abs(Math.tanh(x[i])), x);
                double[] a = new double[15];
                for (int i = 0; i < 15; i++) {
                    a[i] = f.value(x[i]);
                }
                checkElementWise(p, 3, 5, "activateBackward " + f + " with gradA = gradZ",
                        (be, t) -> be.activateBackward(f, t[0], t[1], t[2], t[2]), 2,
                        i -> Math.abs(z[i] * (1 - a[i] * a[i])), x, a, z);
                checkElementWise(p, 3, 5, "activateBackward " + f + " with z = a (gate outputs)",
                        (be, t) -> be.activateBackward(f, t[0], t[0], t[1], t[1]), 2,
                        i -> Math.abs(z[i] * (1 - a[i] * a[i])), a, z);
            }
            checkElementWise(p, 3, 5, "sqrt with x = y", (be, t) -> be.sqrt(t[0], t[0]), sqrtBound(p), x);
        }
    }

    /**
     * The standard-form functions ({@code ActivationFunction.Form}), which a backend may compute with its own
     * kernels, over the whole range of their inputs: magnitudes from 1e-30 to 1e3 (long rows, so that vector
     * loops run), where sigmoid's and tanh's exponentials reach their limits (e^-88 is below the smallest
     * normal float, tanh(9) rounds to 1 in float), subnormals, zeros of both signs, NaN and infinities.
     */
    @Test
    public void standardFormActivationsMatchTheReferenceOverTheirRange() {
        double[] edges = {0, -0.0, 1e-40, -1e-40, 1e-310, Double.MIN_VALUE, 1e-7, -1e-7, 0.3466, -0.3466, 0.55, -0.55, 8.9,
            -9.1, 10, -20, 20.5, 87.3, -87.3, -87.34, -88.3, -88.72, -89, -103.9, -104, 300, -710, 710, -746, 1e15, -1e15,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Precision p : backend().precisions()) {
            int c = 257;
            double[] x = new double[4 * c];
            for (int i = 0; i < x.length; i++) {
                x[i] = i < edges.length ? edges[i] : Math.pow(10, -30 + 33 * random.nextDouble()) * random.nextGaussian();
            }
            double[] g = gaussian(x.length);
            for (ActivationFunction f : ACTIVATIONS) {
                checkElementWise(p, 4, c, "activate " + f + " over its range", (be, t) -> be.activate(f, t[0], t[1]), 1,
                        i -> Math.abs(f.value(round(p, x[i]))), x, g);
                double[] a = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    a[i] = round(p, f.value(round(p, x[i])));
                }
                checkElementWise(p, 4, c, "activateBackward " + f + " over its range",
                        (be, t) -> be.activateBackward(f, t[0], t[1], t[2], t[3]), 3,
                        i -> Math.abs(g[i] * f.derivative(round(p, x[i]), a[i])), x, a, g, g);
            }
        }
    }

    @Test
    public void clampKeepsNan() {
        for (Precision p : backend().precisions()) {
            Tensor t = upload(backend(), p, 1, 5, Double.NaN, -3, 3, Double.NEGATIVE_INFINITY, 0.25);
            backend().clamp(-1, 1, t);
            double[] got = download(backend(), t);
            assertTrue(p + ": clamp must keep NaN, got " + got[0], Double.isNaN(got[0]));
            assertArrayEquals(new double[] {-1, 1, -1, 0.25}, java.util.Arrays.copyOfRange(got, 1, 5), 0);
        }
    }

    @Test
    public void sumRowsMatchesTheReference() {
        for (Precision p : backend().precisions()) {
            for (int[] s : ELEMENT_SHAPES) {
                int r = s[0], c = s[1];
                double[] m = special(p, r * c);
                for (double beta : new double[] {0, 1, -0.5}) {
                    double[] out = gaussian(c);
                    if (beta == 0) {
                        java.util.Arrays.fill(out, Double.NaN); // beta = 0 ignores the old contents
                    }
                    Tensor bm = upload(backend(), p, r, c, m);
                    Tensor bo = upload(backend(), p, 1, c, out);
                    Tensor rm = refUpload(p, r, c, m);
                    Tensor ro = refUpload(p, 1, c, out);
                    backend().sumRows(bm, beta, bo);
                    ref.sumRows(rm, beta, ro);
                    double[] bound = new double[c];
                    for (int j = 0; j < c; j++) {
                        double terms = beta == 0 ? 0 : Math.abs(beta * out[j]);
                        for (int i = 0; i < r; i++) {
                            terms += Math.abs(m[i * c + j]);
                        }
                        bound[j] = sumBound(p, r, terms);
                    }
                    assertClose(p + " sumRows " + r + "x" + c + " beta " + beta, 1, c, download(ref, ro), download(backend(), bo), bound);
                }
            }
        }
    }

    // ------------------------------------------------------------------ softmax, losses, reductions

    @Test
    public void softmaxRowsMatchesTheReference() {
        for (Precision p : backend().precisions()) {
            int c = 10;
            double h = huge(p);
            double inf = Double.POSITIVE_INFINITY;
            double[][] rows = {
                gaussian(c), scaled(gaussian(c), 30), scaled(gaussian(c), h), {1000, 999, 998, 0, 0, 0, 0, 0, 0, 0},
                {-inf, 0, 1, 2, -inf, 3, 4, 5, 6, 7}, {-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf},
                {0, 1, Double.NaN, 3, 4, 5, 6, 7, 8, 9}, {0, 1, inf, 3, 4, 5, 6, 7, 8, 9}, new double[c],
            };
            double[] x = new double[rows.length * c];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, x, i * c, c);
            }
            Tensor bx = upload(backend(), p, rows.length, c, x);
            Tensor bp = upload(backend(), p, rows.length, c, special(p, rows.length * c));
            Tensor rx = refUpload(p, rows.length, c, x);
            Tensor rp = ref.allocate(rows.length, c, p);
            backend().softmaxRows(bx, bp);
            ref.softmaxRows(rx, rp);
            double[] expected = download(ref, rp);
            double[] bound = new double[expected.length];
            for (int i = 0; i < bound.length; i++) {
                bound[i] = 2 * (c + 8) * unit(p) * Math.abs(expected[i]) + floor(p);
            }
            assertClose(p + " softmaxRows", rows.length, c, expected, download(backend(), bp), bound);
            // single column: every probability is 1
            Tensor one = upload(backend(), p, 3, 1, -5, 0, h);
            Tensor oneP = backend().allocate(3, 1, p);
            backend().softmaxRows(one, oneP);
            assertArrayEquals(new double[] {1, 1, 1}, download(backend(), oneP), 0);
        }
    }

    @Test
    public void crossEntropyMatchesTheReference() {
        for (Precision p : backend().precisions()) {
            int r = 6, c = 4;
            double[] probs = {
                0.1, 0.2, 0.3, 0.4, /**/ 1, 0, 0, 0, /**/ 0, 1, 0, 0, /**/ 0.25, 0.25, 0.25, 0.25,
                Double.NaN, 0.5, 0.5, 0, /**/ 1e-40, 0.5, 0.2, 0.3,
            };
            double[] targets = {
                0, 0, 0, 1, /**/ 1, 0, 0, 0, /**/ 1, 0, 0, 0, /**/ 0.1, 0.2, 0.3, 0.4,
                0, 1, 0, 0, /**/ 1, 0, 0, 0,
            };
            checkScalar(p, r, c, "crossEntropy (zero probability clamped; NaN where the target is 0 ignored)",
                    (be, t) -> be.crossEntropy(t[0], t[1]), probs, targets);
            probs[4 * c + 1] = Double.NaN;
            checkScalar(p, r, c, "crossEntropy with NaN where the target is 1", (be, t) -> be.crossEntropy(t[0], t[1]),
                    probs, targets);
            double[] x = absolute(gaussian(40 * 10));
            double[] t = new double[40 * 10];
            for (int i = 0; i < 40; i++) {
                t[i * 10 + random.nextInt(10)] = 1;
            }
            checkScalar(p, 40, 10, "crossEntropy random", (be, ts) -> be.crossEntropy(ts[0], ts[1]), x, t);
        }
    }

    @Test
    public void squaredDistanceMatchesTheReference() {
        for (Precision p : backend().precisions()) {
            for (int[] s : ELEMENT_SHAPES) {
                int n = s[0] * s[1];
                checkScalar(p, s[0], s[1], "squaredDistance", (be, t) -> be.squaredDistance(t[0], t[1]),
                        gaussian(n), gaussian(n));
                checkScalar(p, s[0], s[1], "squaredDistance with special values",
                        (be, t) -> be.squaredDistance(t[0], t[1]), special(p, n), special(p, n));
            }
        }
    }

    @Test
    public void argmaxRowsTakesTheFirstOfTiesAndTreatsNanLikeTheReference() {
        for (Precision p : backend().precisions()) {
            double nan = Double.NaN;
            double inf = Double.POSITIVE_INFINITY;
            double[] x = {
                1, 3, 3, 2, /**/ -1, -1, -1, -1, /**/ nan, 1, 2, 0, /**/ 0, nan, 5, 9,
                -inf, -inf, -inf, -inf, /**/ 0, inf, 1, inf, /**/ -0.0, 0.0, 0, 0, /**/ nan, nan, nan, nan,
            };
            int[] expected = new int[8];
            int[] got = new int[9];
            got[8] = -7;
            ref.argmaxRows(refUpload(p, 8, 4, x), expected);
            backend().argmaxRows(upload(backend(), p, 8, 4, x), got);
            assertArrayEquals(p + ": argmaxRows", expected, java.util.Arrays.copyOf(got, 8));
            assertEquals("argmaxRows wrote past the rows", -7, got[8]);
            assertArrayEquals(new int[] {1, 0, 0, 3, 0, 1, 0, 0}, expected); // the reference, written out
            for (int[] s : ELEMENT_SHAPES) {
                double[] y = special(p, s[0] * s[1]);
                int[] e = new int[s[0]];
                int[] g = new int[s[0]];
                ref.argmaxRows(refUpload(p, s[0], s[1], y), e);
                backend().argmaxRows(upload(backend(), p, s[0], s[1], y), g);
                assertArrayEquals(p + ": argmaxRows " + s[0] + "x" + s[1], e, g);
            }
        }
    }

    @Test
    public void statsCountsNonFiniteValuesAndLeavesThemOutOfTheNorms() {
        for (Precision p : backend().precisions()) {
            double inf = Double.POSITIVE_INFINITY;
            Tensor t = upload(backend(), p, 2, 4, 3, -4, Double.NaN, inf, -inf, 0, 0, 0);
            TensorStats s = backend().stats(t);
            assertEquals(8, s.count());
            assertEquals(3, s.nonFinite());
            assertEquals(5, s.l2(), 0);
            assertEquals(4, s.maxAbs(), 0);
            for (int[] shape : ELEMENT_SHAPES) {
                double[] x = special(p, shape[0] * shape[1]);
                TensorStats e = ref.stats(refUpload(p, shape[0], shape[1], x));
                TensorStats g = backend().stats(upload(backend(), p, shape[0], shape[1], x));
                String what = p + " stats " + shape[0] + "x" + shape[1];
                assertEquals(what + " count", e.count(), g.count());
                assertEquals(what + " nonFinite", e.nonFinite(), g.nonFinite());
                assertEquals(what + " maxAbs", e.maxAbs(), g.maxAbs(), 0);
                assertEquals(what + " l2", e.l2(), g.l2(), sumBound(p, x.length, e.l2()));
            }
        }
    }

    // ------------------------------------------------------------------ regularizer operations

    @Test
    public void addScaledSignMaximumAndSqrtMatchTheReferenceOnSpecialValues() {
        for (Precision p : backend().precisions()) {
            for (int[] s : elementShapes()) {
                int r = s[0], c = s[1], n = r * c;
                double[] x = special(p, n);
                double[] y = special(p, n);
                for (double a : new double[] {0.3, -1e-4, 0, 2.5}) {
                    // exact in FLOAT64 (one rounding of y + (+-a)); FLOAT32 may round a to float first
                    checkElementWise(p, r, c, "addScaledSign(" + a + ")", (be, t) -> be.addScaledSign(a, t[0], t[1]),
                            (i, e) -> p == Precision.FLOAT64 ? 0 : 4 * unit(p) * (Math.abs(y[i]) + Math.abs(a)) + floor(p),
                            x, y);
                }
                checkElementWise(p, r, c, "maximum", (be, t) -> be.maximum(t[0], t[1]), 0, i -> 0, x, y);
                checkElementWise(p, r, c, "maximum, y first", (be, t) -> be.maximum(t[0], t[1]), 0, i -> 0, y, x);
                checkElementWise(p, r, c, "sqrt", (be, t) -> be.sqrt(t[0], t[1]), sqrtBound(p), x, y);
                double[] positive = absolute(gaussian(n));
                checkElementWise(p, r, c, "sqrt of positive values", (be, t) -> be.sqrt(t[0], t[1]),
                        sqrtBound(p), positive, y);
            }
        }
    }

    /**
     * Written out: sign is +1, -1, or 0 for both zeros, NaN for NaN, and a subnormal is positive (a
     * backend that flushes subnormals to zero fails here). With y = 1 and a = 0.5:
     * {@code y + a * sign(x) = 0.5, 1, 1, 1.5, NaN, 0.5, 1.5, 1.5}.
     */
    @Test
    public void addScaledSignByHand() {
        for (Precision p : backend().precisions()) {
            double inf = Double.POSITIVE_INFINITY;
            Tensor x = upload(backend(), p, 2, 4, -2, -0.0, 0.0, 3, Double.NaN, -inf, inf, floor(p) / 2);
            Tensor y = upload(backend(), p, 2, 4, 1, 1, 1, 1, 1, 1, 1, 1);
            backend().addScaledSign(0.5, x, y);
            double[] got = download(backend(), y);
            assertTrue(p + ": sign(NaN) is NaN, got " + got[4], Double.isNaN(got[4]));
            got[4] = 0;
            assertArrayEquals(p + " addScaledSign", new double[] {0.5, 1, 1, 1.5, 0, 0.5, 1.5, 1.5}, got, 0);
        }
    }

    /** Written out: Math.max semantics, NaN wins from either side, +-Inf are ordinary values. */
    @Test
    public void maximumAndSqrtByHand() {
        for (Precision p : backend().precisions()) {
            double nan = Double.NaN;
            double inf = Double.POSITIVE_INFINITY;
            Tensor x = upload(backend(), p, 1, 6, nan, 1, -0.0, -inf, 2, -3);
            Tensor y = upload(backend(), p, 1, 6, 0, nan, 0.0, -5, inf, -inf);
            backend().maximum(x, y);
            double[] got = download(backend(), y);
            assertTrue(p + ": maximum with a NaN x", Double.isNaN(got[0]));
            assertTrue(p + ": maximum with a NaN y", Double.isNaN(got[1]));
            assertArrayEquals(p + " maximum", new double[] {0, -5, inf, -3}, java.util.Arrays.copyOfRange(got, 2, 6), 0);

            // sqrt(4) = 2, sqrt(0.25) = 0.5, sqrt(-0) = -0 (IEEE), sqrt(+Inf) = +Inf, negative, -Inf and NaN give NaN
            Tensor v = upload(backend(), p, 2, 4, 4, 0.25, 0, -0.0, inf, -1, -inf, nan);
            backend().sqrt(v, v);
            double[] roots = download(backend(), v);
            assertArrayEquals(p + " sqrt", new double[] {2, 0.5, 0, 0, inf}, java.util.Arrays.copyOf(roots, 5), 0);
            for (int i = 5; i < 8; i++) {
                assertTrue(p + ": sqrt element " + i + " must be NaN, got " + roots[i], Double.isNaN(roots[i]));
            }
        }
    }

    @Test
    public void sumAbsMatchesTheReference() {
        for (Precision p : backend().precisions()) {
            for (int[] s : elementShapes()) {
                int n = s[0] * s[1];
                checkScalar(p, s[0], s[1], "sumAbs", (be, t) -> be.sumAbs(t[0]), gaussian(n));
                checkScalar(p, s[0], s[1], "sumAbs with special values", (be, t) -> be.sumAbs(t[0]), special(p, n));
            }
            // 1 + 2 + 3.5 + 0 = 6.5, exact; a NaN anywhere is NaN; +Inf and -Inf add up to +Inf, not NaN
            assertEquals(p + " sumAbs", 6.5, backend().sumAbs(upload(backend(), p, 2, 2, 1, -2, 3.5, -0.0)), 0);
            assertTrue(p + ": sumAbs with a NaN",
                    Double.isNaN(backend().sumAbs(upload(backend(), p, 1, 3, 1, Double.NaN, 2))));
            assertEquals(p + ": sumAbs of +-Inf", Double.POSITIVE_INFINITY, backend().sumAbs(upload(backend(), p, 1, 3,
                    Double.POSITIVE_INFINITY, 1, Double.NEGATIVE_INFINITY)), 0);
        }
    }

    @Test
    public void capRowNormsMatchesTheReference() {
        for (Precision p : backend().precisions()) {
            for (int[] s : elementShapes()) {
                int r = s[0], c = s[1], n = r * c;
                // rows of norms from about 1e-3 to 1e3 times sqrt(c), so that some are capped and some not
                double[] graded = gaussian(n);
                for (int i = 0; i < r; i++) {
                    double rowScale = Math.pow(10, 6 * random.nextDouble() - 3);
                    for (int j = 0; j < c; j++) {
                        graded[i * c + j] *= rowScale;
                    }
                }
                double[] odd = special(p, n); // rows with NaN or Inf stay as they are; huge values are capped
                for (double maxNorm : new double[] {1, 0.5, 3, 0, Double.POSITIVE_INFINITY}) {
                    Bound allowed = (i, e) -> 2 * (c + 4) * unit(p) * Math.abs(e) + floor(p);
                    checkElementWise(p, r, c, "capRowNorms(" + maxNorm + ")", (be, t) -> be.capRowNorms(maxNorm, t[0]),
                            allowed, graded);
                    checkElementWise(p, r, c, "capRowNorms(" + maxNorm + ") with special values",
                            (be, t) -> be.capRowNorms(maxNorm, t[0]), allowed, odd);
                }
            }
        }
    }

    /**
     * Written out, maxNorm 1: row [3, 4] has norm sqrt(9 + 16) = 5 > 1 and becomes [3, 4] / 5 = [0.6, 0.8];
     * row [0.3, 0.4] has norm sqrt(0.09 + 0.16) = 0.5 and stays. maxNorm 0: a zero row (norm 0, not above
     * 0) stays, with no 0/0; [1, -2] becomes [0, -0]. Rows with NaN or Inf have no finite norm and stay.
     * A FLOAT32 row of 3e38 (whose squares overflow float, not double) has norm 3e38 * sqrt(3) and
     * becomes 2 / sqrt(3) each with maxNorm 2. (FLOAT64 rows whose squares overflow double are not
     * tested: the reference's plain sum gives an infinite norm there, though the true norm is finite.)
     */
    @Test
    public void capRowNormsByHand() {
        for (Precision p : backend().precisions()) {
            double u4 = 4 * unit(p);
            Tensor m = upload(backend(), p, 2, 2, 3, 4, 0.3, 0.4);
            backend().capRowNorms(1, m);
            double[] got = download(backend(), m);
            assertEquals(p + " capped [0][0]", 0.6, got[0], u4 * 0.6);
            assertEquals(p + " capped [0][1]", 0.8, got[1], u4 * 0.8);
            assertArrayEquals(p + ": a row within maxNorm is unchanged", new double[] {round(p, 0.3), round(p, 0.4)},
                    java.util.Arrays.copyOfRange(got, 2, 4), 0);

            Tensor z = upload(backend(), p, 2, 2, 0, 0, 1, -2);
            backend().capRowNorms(0, z);
            assertArrayEquals(p + " capRowNorms(0)", new double[] {0, 0, 0, 0}, download(backend(), z), 0);

            double nan = Double.NaN;
            double inf = Double.POSITIVE_INFINITY;
            double[] nonFinite = {nan, 5, 6, /**/ inf, 1, 2, /**/ 7, -inf, 8};
            Tensor w = upload(backend(), p, 3, 3, nonFinite);
            backend().capRowNorms(1, w);
            double[] kept = download(backend(), w);
            assertTrue(p + ": NaN kept", Double.isNaN(kept[0]));
            kept[0] = 0;
            nonFinite[0] = 0;
            assertArrayEquals(p + ": rows with a non-finite norm are unchanged", nonFinite, kept, 0);

            double big = 3e38; // below Float.MAX_VALUE (3.4e38), its square is not
            Tensor large = upload(backend(), p, 1, 4, big, -big, big, 0);
            backend().capRowNorms(2, large);
            double e = 2 / Math.sqrt(3);
            double[] capped = download(backend(), large);
            assertArrayEquals(p + ": a row of large finite values is capped, its norm must not overflow",
                    new double[] {e, -e, e, 0}, capped, 2 * 8 * unit(p) * e);
        }
    }

    /** Scales whose FLOAT32 rounding matters (1/0.9, 1/0.7), keep at and past the ends, odd seeds. */
    private static final double[][] KEEP_SCALE = {
        {0.5, 2}, {0.9, 1 / 0.9}, {0.7, 1 / 0.7}, {0.1, 10}, {0, 1}, {1, 1}, {1.5, 1}, {-1, 1}, {0.25, -3},
    };

    @Test
    public void dropoutMaskIsBitIdenticalToTheReference() {
        for (Precision p : backend().precisions()) {
            for (int[] s : elementShapes()) {
                int r = s[0], c = s[1];
                for (long seed : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong()}) {
                    for (double[] ks : KEEP_SCALE) {
                        double[] old = special(p, r * c); // the old contents, NaN included, are overwritten
                        Tensor mine = upload(backend(), p, r, c, old);
                        Tensor theirs = refUpload(p, r, c, old);
                        backend().dropoutMask(ks[0], ks[1], seed, mine);
                        ref.dropoutMask(ks[0], ks[1], seed, theirs);
                        assertExactly(p + " dropoutMask " + r + "x" + c + " keep " + ks[0] + " scale " + ks[1] + " seed "
                                + seed, download(ref, theirs), download(backend(), mine));
                    }
                }
            }
        }
    }

    /**
     * {@link ComputeBackend#dropoutUniform} with seed 0 is the published SplitMix64 sequence seeded with 0
     * (its first outputs are 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F), so
     * {@code u(0, 0..2) = 0.8833..., 0.4315..., 0.0264...}: with keep 0.5 and scale 2 the mask is
     * [0, 2, 2]. An element is kept only when u is strictly below keep.
     */
    @Test
    public void dropoutMaskByHand() {
        long[] splitMix64 = {0xE220A8397B1DCDAFL, 0x6E789E6AA1B965F4L, 0x06C45D188009454FL};
        for (int i = 0; i < 3; i++) {
            assertEquals("u(0, " + i + ")", (splitMix64[i] >>> 11) * 0x1.0p-53, ComputeBackend.dropoutUniform(0, i), 0);
        }
        for (Precision p : backend().precisions()) {
            Tensor mask = backend().allocate(1, 3, p);
            backend().dropoutMask(0.5, 2, 0, mask);
            assertArrayEquals(p + " dropoutMask", new double[] {0, 2, 2}, download(backend(), mask), 0);
            long seed = 42;
            double u0 = ComputeBackend.dropoutUniform(seed, 0);
            Tensor one = backend().allocate(1, 1, p);
            backend().dropoutMask(u0, 3, seed, one);
            assertEquals(p + ": u == keep drops the element", 0, download(backend(), one)[0], 0);
            backend().dropoutMask(Math.nextUp(u0), 3, seed, one);
            assertEquals(p + ": u just below keep keeps it", 3, download(backend(), one)[0], 0);
        }
    }

    /**
     * On 100000 elements the kept fraction is within 5 standard deviations of keep (the mask is fixed by
     * the seed, so this is not flaky); the same seed gives the same mask; the next seed gives an
     * independent one, differing in a fraction {@code 2 keep (1 - keep)} of the elements.
     */
    @Test
    public void dropoutMaskKeepsAboutKeepAndDependsOnlyOnTheSeed() {
        int rows = 400, cols = 250, n = rows * cols;
        for (Precision p : backend().precisions()) {
            for (double keep : new double[] {0.1, 0.5, 0.8}) {
                double scale = 1 / keep;
                long seed = random.nextLong();
                Tensor a = backend().allocate(rows, cols, p);
                Tensor b = backend().allocate(rows, cols, p);
                Tensor c = backend().allocate(rows, cols, p);
                backend().dropoutMask(keep, scale, seed, a);
                backend().dropoutMask(keep, scale, seed, b);
                backend().dropoutMask(keep, scale, seed + 1, c);
                double[] ma = download(backend(), a);
                double[] mc = download(backend(), c);
                assertExactly(p + ": the same seed gives the same mask", ma, download(backend(), b));
                int kept = 0;
                int differ = 0;
                for (int i = 0; i < n; i++) {
                    if (ma[i] != 0) {
                        assertEquals(p + ": a kept element is scale", round(p, scale), ma[i], 0);
                        kept++;
                    }
                    if (ma[i] != mc[i]) {
                        differ++;
                    }
                }
                double fraction = (double) kept / n;
                assertEquals(p + " keep " + keep + ": kept fraction", keep, fraction, 5 * Math.sqrt(keep * (1 - keep) / n));
                double q = 2 * keep * (1 - keep);
                assertEquals(p + " keep " + keep + ": fraction that differs for seeds " + seed + " and " + (seed + 1), q,
                        (double) differ / n, 5 * Math.sqrt(q * (1 - q) / n));
            }
        }
    }

    // ------------------------------------------------------------------ normalization, scale and shift, PReLU

    private static final double[] NORM_EPS = {0, 1e-5, 0.1};

    /** {@link #ELEMENT_SHAPES} (with B = 1 and C = 1) and two random ones. */
    private int[][] normShapes() {
        return elementShapes();
    }

    /** Row-major index of the statistic of element (r, c) along {@code axis}. */
    private static int statIndex(NormAxis axis, int r, int c) {
        return axis == NormAxis.BATCH ? c : r;
    }

    /** Gaussian values around 3 with spread 2: a shifted batch, where one-pass variance formulas cancel. */
    private double[] shifted(Precision p, int n) {
        double[] v = gaussian(n);
        for (int i = 0; i < n; i++) {
            v[i] = round(p, 3 + 2 * v[i]);
        }
        return v;
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    @Test
    public void normalizeMatchesTheReferenceOnBothAxes() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double u = unit(p);
            for (int[] s : normShapes()) {
                int rows = s[0], cols = s[1];
                for (NormAxis axis : NormAxis.values()) {
                    int stats = axis == NormAxis.BATCH ? cols : rows;
                    int sr = axis == NormAxis.BATCH ? 1 : rows;
                    int sc = axis == NormAxis.BATCH ? cols : 1;
                    int count = axis == NormAxis.BATCH ? rows : cols;
                    for (double eps : NORM_EPS) {
                        double[] x = shifted(p, rows * cols);
                        Tensor bx = upload(be, p, rows, cols, x);
                        Tensor bm = upload(be, p, sr, sc, nans(stats));
                        Tensor bv = upload(be, p, sr, sc, nans(stats));
                        Tensor bh = upload(be, p, rows, cols, nans(rows * cols));
                        Tensor rx = refUpload(p, rows, cols, x);
                        Tensor rm = ref.allocate(sr, sc, p);
                        Tensor rv = ref.allocate(sr, sc, p);
                        Tensor rh = ref.allocate(rows, cols, p);
                        be.normalize(axis, bx, eps, bm, bv, bh);
                        ref.normalize(axis, rx, eps, rm, rv, rh);
                        double[] mean = download(ref, rm);
                        double[] var = download(ref, rv);
                        double[] xhat = download(ref, rh);
                        double[] absSum = new double[stats];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                absSum[statIndex(axis, r, c)] += Math.abs(x[r * cols + c]);
                            }
                        }
                        double[] dm = new double[stats];
                        double[] dv = new double[stats];
                        for (int k = 0; k < stats; k++) {
                            dm[k] = 2 * (count + 4) * u * absSum[k] / count + floor(p);
                            dv[k] = 2 * (count + 4) * u * var[k] + 2 * dm[k] * dm[k] + floor(p);
                        }
                        double[] dh = new double[rows * cols];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                int k = statIndex(axis, r, c);
                                int i = r * cols + c;
                                double sd = Math.sqrt(var[k] + eps);
                                dh[i] = (2 * u * Math.abs(x[i] - mean[k]) + 2 * dm[k]) / sd
                                        + Math.abs(xhat[i]) * (dv[k] / (var[k] + eps) + 6 * u) + floor(p);
                            }
                        }
                        String what = p + " normalize " + axis + " " + rows + "x" + cols + " eps " + eps;
                        assertClose(what + " mean", sr, sc, mean, download(be, bm), dm);
                        assertClose(what + " var", sr, sc, var, download(be, bv), dv);
                        assertClose(what + " xhat", rows, cols, xhat, download(be, bh), dh);
                    }
                }
            }
        }
    }

    @Test
    public void normalizeWithMatchesTheReference() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double u = unit(p);
            for (int[] s : normShapes()) {
                int rows = s[0], cols = s[1];
                for (double eps : NORM_EPS) {
                    double[] x = shifted(p, rows * cols);
                    double[] mean = shifted(p, cols);
                    double[] var = absolute(gaussian(cols));
                    for (int j = 0; j < cols; j++) {
                        var[j] = round(p, 0.5 + var[j]); // positive: eps 0 gives a finite xhat
                    }
                    double[] sd = new double[cols];
                    for (int j = 0; j < cols; j++) {
                        sd[j] = Math.sqrt(var[j] + eps);
                    }
                    Bound allowed = (i, e) -> 2 * u * (Math.abs(x[i]) + Math.abs(mean[i % cols])) / sd[i % cols]
                            + 6 * u * Math.abs(e) + floor(p);
                    Tensor bx = upload(be, p, rows, cols, x);
                    Tensor bh = upload(be, p, rows, cols, nans(rows * cols));
                    Tensor rh = ref.allocate(rows, cols, p);
                    be.normalizeWith(bx, upload(be, p, 1, cols, mean), upload(be, p, 1, cols, var), eps, bh);
                    ref.normalizeWith(refUpload(p, rows, cols, x), refUpload(p, 1, cols, mean), refUpload(p, 1, cols, var),
                            eps, rh);
                    double[] expected = download(ref, rh);
                    double[] bound = new double[expected.length];
                    for (int i = 0; i < bound.length; i++) {
                        bound[i] = allowed.of(i, expected[i]);
                    }
                    assertClose(p + " normalizeWith " + rows + "x" + cols + " eps " + eps, rows, cols, expected,
                            download(be, bh), bound);
                }
            }
        }
    }

    @Test
    public void normalizeBackwardMatchesTheReferenceOnBothAxes() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double u = unit(p);
            for (int[] s : normShapes()) {
                int rows = s[0], cols = s[1];
                for (NormAxis axis : NormAxis.values()) {
                    int stats = axis == NormAxis.BATCH ? cols : rows;
                    int sr = axis == NormAxis.BATCH ? 1 : rows;
                    int sc = axis == NormAxis.BATCH ? cols : 1;
                    int count = axis == NormAxis.BATCH ? rows : cols;
                    for (double eps : NORM_EPS) {
                        double[] g = roundAll(p, gaussian(rows * cols));
                        double[] h = roundAll(p, gaussian(rows * cols));
                        double[] var = absolute(gaussian(stats));
                        for (int k = 0; k < stats; k++) {
                            var[k] = round(p, 0.25 + var[k]);
                        }
                        Tensor bgx = upload(be, p, rows, cols, nans(rows * cols));
                        Tensor rgx = ref.allocate(rows, cols, p);
                        be.normalizeBackward(axis, upload(be, p, rows, cols, g), upload(be, p, rows, cols, h),
                                upload(be, p, sr, sc, var), eps, bgx);
                        ref.normalizeBackward(axis, refUpload(p, rows, cols, g), refUpload(p, rows, cols, h),
                                refUpload(p, sr, sc, var), eps, rgx);
                        double[] expected = download(ref, rgx);
                        double[] meanG = new double[stats];
                        double[] meanGH = new double[stats];
                        double[] absG = new double[stats];
                        double[] absGH = new double[stats];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                int k = statIndex(axis, r, c);
                                int i = r * cols + c;
                                meanG[k] += g[i] / count;
                                meanGH[k] += g[i] * h[i] / count;
                                absG[k] += Math.abs(g[i]);
                                absGH[k] += Math.abs(g[i] * h[i]);
                            }
                        }
                        double[] bound = new double[rows * cols];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                int k = statIndex(axis, r, c);
                                int i = r * cols + c;
                                double sInv = 1 / Math.sqrt(var[k] + eps);
                                double terms = Math.abs(g[i]) + Math.abs(meanG[k]) + Math.abs(h[i] * meanGH[k]);
                                double dg = 2 * (count + 4) * u * absG[k] / count;
                                double dgh = 2 * (count + 4) * u * absGH[k] / count;
                                bound[i] = sInv * (4 * u * terms + dg + Math.abs(h[i]) * dgh) + 6 * u * Math.abs(expected[i])
                                        + floor(p);
                            }
                        }
                        assertClose(p + " normalizeBackward " + axis + " " + rows + "x" + cols + " eps " + eps, rows, cols,
                                expected, download(be, bgx), bound);
                    }
                }
            }
        }
    }

    @Test
    public void scaleShiftAndItsBackwardMatchTheReference() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double u = unit(p);
            for (int[] s : normShapes()) {
                int rows = s[0], cols = s[1], n = rows * cols;
                double[] h = roundAll(p, gaussian(n));
                double[] gamma = roundAll(p, gaussian(cols));
                double[] beta = roundAll(p, gaussian(cols));
                checkElementWise(p, rows, cols, "scaleShift",
                        (b, t) -> b.scaleShift(t[0], upload(b, p, 1, cols, gamma), upload(b, p, 1, cols, beta), t[1]),
                        2, i -> Math.abs(h[i] * gamma[i % cols]) + Math.abs(beta[i % cols]), h, nans(n));

                double[] g = roundAll(p, gaussian(n));
                double[] oldGamma = roundAll(p, gaussian(cols)); // accumulated into, not overwritten
                double[] oldBeta = roundAll(p, gaussian(cols));
                Tensor bgg = upload(be, p, 1, cols, oldGamma);
                Tensor bgb = upload(be, p, 1, cols, oldBeta);
                Tensor bgh = upload(be, p, rows, cols, nans(n));
                Tensor rgg = refUpload(p, 1, cols, oldGamma);
                Tensor rgb = refUpload(p, 1, cols, oldBeta);
                Tensor rgh = ref.allocate(rows, cols, p);
                be.scaleShiftBackward(upload(be, p, rows, cols, g), upload(be, p, rows, cols, h),
                        upload(be, p, 1, cols, gamma), bgg, bgb, bgh);
                ref.scaleShiftBackward(refUpload(p, rows, cols, g), refUpload(p, rows, cols, h),
                        refUpload(p, 1, cols, gamma), rgg, rgb, rgh);
                double[] boundGamma = new double[cols];
                double[] boundBeta = new double[cols];
                for (int j = 0; j < cols; j++) {
                    double tg = Math.abs(oldGamma[j]);
                    double tb = Math.abs(oldBeta[j]);
                    for (int i = 0; i < rows; i++) {
                        tg += Math.abs(g[i * cols + j] * h[i * cols + j]);
                        tb += Math.abs(g[i * cols + j]);
                    }
                    boundGamma[j] = sumBound(p, rows + 1, tg);
                    boundBeta[j] = sumBound(p, rows + 1, tb);
                }
                double[] boundXhat = new double[n];
                for (int i = 0; i < n; i++) {
                    boundXhat[i] = 4 * u * Math.abs(g[i] * gamma[i % cols]) + floor(p);
                }
                String what = p + " scaleShiftBackward " + rows + "x" + cols;
                assertClose(what + " gradGamma", 1, cols, download(ref, rgg), download(be, bgg), boundGamma);
                assertClose(what + " gradBeta", 1, cols, download(ref, rgb), download(be, bgb), boundBeta);
                assertClose(what + " gradXhat", rows, cols, download(ref, rgh), download(be, bgh), boundXhat);
            }
        }
    }

    @Test
    public void preluAndItsBackwardMatchTheReference() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            double u = unit(p);
            for (int[] s : normShapes()) {
                int rows = s[0], cols = s[1], n = rows * cols;
                double[] x = roundAll(p, sprinkle(gaussian(n), p, 0.1)); // NaN, infinities, zeros kept as the reference
                double[] slope = roundAll(p, gaussian(cols));
                checkElementWise(p, rows, cols, "prelu", (b, t) -> b.prelu(t[0], upload(b, p, 1, cols, slope), t[1]),
                        1, i -> Math.abs(x[i]) * Math.max(1, Math.abs(slope[i % cols])), x, nans(n));

                double[] g = roundAll(p, gaussian(n));
                double[] old = roundAll(p, gaussian(cols));
                Tensor bgs = upload(be, p, 1, cols, old);
                Tensor bgx = upload(be, p, rows, cols, nans(n));
                Tensor rgs = refUpload(p, 1, cols, old);
                Tensor rgx = ref.allocate(rows, cols, p);
                be.preluBackward(upload(be, p, rows, cols, g), upload(be, p, rows, cols, x), upload(be, p, 1, cols, slope),
                        bgs, bgx);
                ref.preluBackward(refUpload(p, rows, cols, g), refUpload(p, rows, cols, x), refUpload(p, 1, cols, slope),
                        rgs, rgx);
                double[] boundSlope = new double[cols];
                for (int j = 0; j < cols; j++) {
                    double t = Math.abs(old[j]);
                    for (int i = 0; i < rows; i++) {
                        t += Math.abs(g[i * cols + j] * Math.min(x[i * cols + j], 0));
                    }
                    boundSlope[j] = sumBound(p, rows + 1, t);
                }
                double[] boundX = new double[n];
                for (int i = 0; i < n; i++) {
                    boundX[i] = 4 * u * Math.abs(g[i]) * Math.max(1, Math.abs(slope[i % cols])) + floor(p);
                }
                String what = p + " preluBackward " + rows + "x" + cols;
                assertClose(what + " gradSlope", 1, cols, download(ref, rgs), download(be, bgs), boundSlope);
                assertClose(what + " gradX", rows, cols, download(ref, rgx), download(be, bgx), boundX);
            }
        }
    }

    /**
     * Written out, x = [[1, 2], [3, 6]], eps 0. BATCH: column means [2, 4], variances [(1 + 1) / 2,
     * (4 + 4) / 2] = [1, 4], xhat [[-1/1, -2/2], [1/1, 2/2]] = [[-1, -1], [1, 1]]. FEATURES: row means
     * [1.5, 4.5], variances [0.25, 2.25], xhat [[-1, 1], [-1, 1]]. All exact in both precisions.
     */
    @Test
    public void normalizeByHand() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            Tensor x = upload(be, p, 2, 2, 1, 2, 3, 6);
            Tensor mean = be.allocate(1, 2, p);
            Tensor var = be.allocate(1, 2, p);
            Tensor xhat = be.allocate(2, 2, p);
            be.normalize(NormAxis.BATCH, x, 0, mean, var, xhat);
            assertArrayEquals(p + " BATCH mean", new double[] {2, 4}, download(be, mean), 0);
            assertArrayEquals(p + " BATCH var", new double[] {1, 4}, download(be, var), 0);
            assertArrayEquals(p + " BATCH xhat", new double[] {-1, -1, 1, 1}, download(be, xhat), 0);

            Tensor rowMean = be.allocate(2, 1, p);
            Tensor rowVar = be.allocate(2, 1, p);
            be.normalize(NormAxis.FEATURES, x, 0, rowMean, rowVar, xhat);
            assertArrayEquals(p + " FEATURES mean", new double[] {1.5, 4.5}, download(be, rowMean), 0);
            assertArrayEquals(p + " FEATURES var", new double[] {0.25, 2.25}, download(be, rowVar), 0);
            assertArrayEquals(p + " FEATURES xhat", new double[] {-1, 1, -1, 1}, download(be, xhat), 0);
        }
    }

    /**
     * Written out, slope [0.25] on the column [-4, 2]: y = [0.25 * -4, 2] = [-1, 2]. Backward with gradY
     * [1, 1] and gradSlope holding 0.5: gradX = [0.25, 1], gradSlope = 0.5 + (1 * -4 + 1 * 0) = -3.5.
     */
    @Test
    public void preluByHand() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            Tensor x = upload(be, p, 2, 1, -4, 2);
            Tensor slope = upload(be, p, 1, 1, 0.25);
            Tensor y = be.allocate(2, 1, p);
            be.prelu(x, slope, y);
            assertArrayEquals(p + " prelu", new double[] {-1, 2}, download(be, y), 0);
            Tensor gradSlope = upload(be, p, 1, 1, 0.5);
            Tensor gradX = be.allocate(2, 1, p);
            be.preluBackward(upload(be, p, 2, 1, 1, 1), x, slope, gradSlope, gradX);
            assertArrayEquals(p + " prelu gradX", new double[] {0.25, 1}, download(be, gradX), 0);
            assertArrayEquals(p + " prelu gradSlope accumulates", new double[] {-3.5}, download(be, gradSlope), 0);
        }
    }

    @Test
    public void normalizationOperationsRejectForeignTensorsAndWrongShapes() {
        ComputeBackend be = backend();
        Precision p = Precision.FLOAT64;
        Tensor x = be.allocate(2, 3, p);
        Tensor out = be.allocate(2, 3, p);
        Tensor row = be.allocate(1, 3, p);
        Tensor row2 = be.allocate(1, 3, p);
        Tensor column = be.allocate(2, 1, p);
        Tensor column2 = be.allocate(2, 1, p);
        Tensor foreign = ref.allocate(2, 3, p);
        Tensor wrongRow = be.allocate(1, 2, p);
        expectIllegalArgument("normalize with a foreign x", () -> be.normalize(NormAxis.BATCH, foreign, 0, row, row2, out),
                "2x3");
        expectIllegalArgument("normalize BATCH with [B, 1] statistics",
                () -> be.normalize(NormAxis.BATCH, x, 0, column, column2, out), "2x1", "2x3");
        expectIllegalArgument("normalize FEATURES with [1, C] statistics",
                () -> be.normalize(NormAxis.FEATURES, x, 0, row, row2, out), "1x3", "2x3");
        expectIllegalArgument("normalizeWith with a short mean", () -> be.normalizeWith(x, wrongRow, row, 0, out),
                "1x2", "2x3");
        expectIllegalArgument("normalizeBackward into a foreign gradX",
                () -> be.normalizeBackward(NormAxis.BATCH, x, out, row, 0, foreign), "2x3");
        expectIllegalArgument("normalizeBackward FEATURES with [1, C] var",
                () -> be.normalizeBackward(NormAxis.FEATURES, x, out, row, 0, out), "1x3", "2x3");
        expectIllegalArgument("scaleShift with a short gamma", () -> be.scaleShift(x, wrongRow, row, out), "1x2", "2x3");
        expectIllegalArgument("scaleShiftBackward with a short gradBeta",
                () -> be.scaleShiftBackward(x, out, row, row2, wrongRow, out), "1x2", "2x3");
        expectIllegalArgument("prelu with a short slope", () -> be.prelu(x, wrongRow, out), "1x2", "2x3");
        expectIllegalArgument("prelu shapes", () -> be.prelu(x, row, be.allocate(3, 2, p)), "3x2", "2x3");
        expectIllegalArgument("preluBackward with a foreign gradSlope",
                () -> be.preluBackward(x, out, row, ref.allocate(1, 3, p), out), "1x3");
    }

    // ------------------------------------------------------------------ determinism

    @Test
    public void theSameInputsGiveBitIdenticalResults() {
        ComputeBackend be = backend();
        for (Precision p : be.precisions()) {
            for (int[] s : new int[][] {{128, 784, 64}, {64, 128, 96}, {40, 64, 10}, {3, 4, 5}}) {
                int m = s[0], k = s[1], n = s[2];
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 2) != 0, tb = (t & 1) != 0;
                    Tensor a = upload(be, p, ta ? k : m, ta ? m : k, gaussian(m * k));
                    Tensor b = upload(be, p, tb ? n : k, tb ? k : n, gaussian(k * n));
                    double[] c0 = gaussian(m * n);
                    double[] first = null;
                    for (int rep = 0; rep < 3; rep++) {
                        Tensor c = upload(be, p, m, n, c0);
                        be.matmul(a, ta, b, tb, 0.5, 1, c);
                        double[] got = download(be, c);
                        if (first == null) {
                            first = got;
                        } else {
                            assertExactly(p + " matmul " + m + "x" + k + "x" + n + " transposes " + ta + "," + tb
                                    + " repeated", first, got);
                        }
                    }
                }
            }
            double[] x = gaussian(64 * 10);
            double[][] results = new double[2][];
            for (int rep = 0; rep < 2; rep++) {
                Tensor logits = upload(be, p, 64, 10, x);
                Tensor probs = be.allocate(64, 10, p);
                be.softmaxRows(logits, probs);
                Tensor sums = be.allocate(1, 10, p);
                be.sumRows(probs, 0, sums);
                double[] r = download(be, probs);
                double[] sr = download(be, sums);
                double[] all = java.util.Arrays.copyOf(r, r.length + sr.length + 1);
                System.arraycopy(sr, 0, all, r.length, sr.length);
                all[all.length - 1] = be.stats(probs).l2() + be.squaredDistance(logits, probs);
                results[rep] = all;
            }
            assertExactly(p + " softmax, sumRows, stats repeated", results[0], results[1]);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** An element-wise operation applied to tensors {@code t} on one backend. */
    protected interface Op {
        void apply(ComputeBackend backend, Tensor[] t);
    }

    /** An operation returning a number. */
    protected interface ScalarOp {
        double apply(ComputeBackend backend, Tensor[] t);
    }

    /** The magnitude of the terms that make element i. */
    protected interface Terms {
        double of(int i);
    }

    /** The allowed difference at element i, where the reference gives {@code expected}. */
    protected interface Bound {
        double of(int i, double expected);
    }

    /**
     * Runs {@code op} on both backends with the same inputs; the last tensor is the output (and may be
     * an input too). {@code ops} is the number of arithmetic operations per element (0: exact).
     */
    private void checkElementWise(Precision p, int r, int c, String what, Op op, int ops, Terms terms, double[]... values) {
        checkElementWise(p, r, c, what, op, (i, e) -> ops == 0 ? 0 : 4 * unit(p) * terms.of(i) + floor(p), values);
    }

    /** As above, with the allowed difference at each element given directly. */
    private void checkElementWise(Precision p, int r, int c, String what, Op op, Bound allowed, double[]... values) {
        Tensor[] mine = new Tensor[values.length];
        Tensor[] theirs = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            mine[i] = upload(backend(), p, r, c, values[i]);
            theirs[i] = refUpload(p, r, c, values[i]);
        }
        op.apply(backend(), mine);
        op.apply(ref, theirs);
        double[] expected = download(ref, theirs[values.length - 1]);
        double[] bound = new double[expected.length];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = allowed.of(i, expected[i]);
        }
        assertClose(p + " " + what + " " + r + "x" + c, r, c, expected, download(backend(), mine[values.length - 1]), bound);
    }

    private void checkScalar(Precision p, int r, int c, String what, ScalarOp op, double[]... values) {
        Tensor[] mine = new Tensor[values.length];
        Tensor[] theirs = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            mine[i] = upload(backend(), p, r, c, values[i]);
            theirs[i] = refUpload(p, r, c, values[i]);
        }
        double expected = op.apply(ref, theirs);
        double got = op.apply(backend(), mine);
        // the terms: recompute the reference on absolute values where that is meaningful
        double scale = Math.abs(expected);
        if (values.length == 2) {
            double s = 0;
            for (int i = 0; i < values[0].length; i++) {
                double a = round(p, values[0][i]);
                double b = round(p, values[1][i]);
                if (what.startsWith("crossEntropy")) {
                    s += b == 0 ? 0 : Math.abs(b * Math.log(Math.max(a, floor(p))));
                } else {
                    s += (a - b) * (a - b);
                }
            }
            scale = s;
        }
        assertClose(p + " " + what, 1, 1, new double[] {expected}, new double[] {got},
                new double[] {sumBound(p, values[0].length, scale)});
    }

    private double[] checkProduct(Precision p, int m, int k, int n, boolean ta, boolean tb, double alpha, double beta,
            double[] opA, double[] opB, double[] c) {
        double[] physA = ta ? transpose(opA, m, k) : opA;
        double[] physB = tb ? transpose(opB, k, n) : opB;
        Tensor a = upload(backend(), p, ta ? k : m, ta ? m : k, physA);
        Tensor b = upload(backend(), p, tb ? n : k, tb ? k : n, physB);
        Tensor cc = upload(backend(), p, m, n, c);
        Tensor ra = refUpload(p, ta ? k : m, ta ? m : k, physA);
        Tensor rb = refUpload(p, tb ? n : k, tb ? k : n, physB);
        Tensor rc = refUpload(p, m, n, c);
        backend().matmul(a, ta, b, tb, alpha, beta, cc);
        ref.matmul(ra, ta, rb, tb, alpha, beta, rc);
        double[] bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double terms = 0;
                for (int q = 0; q < k; q++) {
                    terms += Math.abs(round(p, opA[i * k + q]) * round(p, opB[q * n + j]));
                }
                double old = beta == 0 ? 0 : Math.abs(beta * round(p, c[i * n + j]));
                bound[i * n + j] = 2 * (k + 2) * unit(p) * (Math.abs(alpha) * terms + old) + floor(p);
            }
        }
        double[] got = download(backend(), cc);
        assertClose(p + " matmul " + m + "x" + k + " * " + k + "x" + n + (ta ? " a^T" : "") + (tb ? " b^T" : "")
                + " alpha " + alpha + " beta " + beta, m, n, download(ref, rc), got, bound);
        return got;
    }

    /**
     * Element-wise comparison: NaN exactly where expected, the same infinity, else within the bound.
     */
    protected static void assertClose(String what, int rows, int cols, double[] expected, double[] actual, double[] bound) {
        assertEquals(what + ": length", expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok;
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                ok = Double.compare(e, a) == 0 || (Double.isNaN(e) && Double.isNaN(a));
            } else {
                ok = Double.isFinite(a) && Math.abs(a - e) <= bound[i];
            }
            if (!ok) {
                fail(String.format("%s: element [%d][%d] (index %d): expected %s, got %s, difference %.3g, allowed %.3g",
                        what, i / cols, i % cols, i, e, a, Math.abs(a - e), bound[i]));
            }
        }
    }

    private static void assertExactly(String what, double[] expected, double[] actual) {
        assertEquals(what + ": length", expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    private static void expectIllegalArgument(String what, Runnable r, String... mentions) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            for (String m : mentions) {
                assertTrue(what + ": the message should name " + m + ": " + e.getMessage(),
                        e.getMessage() != null && e.getMessage().contains(m));
            }
            return;
        }
        fail(what + ": expected an IllegalArgumentException");
    }

    /** Unit roundoff of the precision. */
    protected static double unit(Precision p) {
        return p == Precision.FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /** Smallest normal number of the precision: an absolute floor for results near 0. */
    protected static double floor(Precision p) {
        return p == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
    }

    /** A huge but safe magnitude: its square still fits the precision. */
    protected static double huge(Precision p) {
        return p == Precision.FLOAT32 ? 1e15 : 1e30;
    }

    /** sqrt: exact in FLOAT64, within one float ulp of the root in FLOAT32 (see the table). */
    private static Bound sqrtBound(Precision p) {
        return (i, e) -> p == Precision.FLOAT64 ? 0 : 2 * unit(p) * Math.abs(e) + floor(p);
    }

    private static double sumBound(Precision p, int n, double terms) {
        return 2 * (n + 4) * unit(p) * terms + floor(p);
    }

    private static double round(Precision p, double v) {
        return p == Precision.FLOAT32 ? (float) v : v;
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /** Random values with zero, -0, +-1, huge, NaN and infinities mixed in (about a third of them). */
    private double[] special(Precision p, int n) {
        double h = huge(p);
        double[] pool = {0, -0.0, 1, -1, h, -h, 1e-7, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] v = gaussian(n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                v[i] = pool[random.nextInt(pool.length)];
            }
        }
        return v;
    }

    /** Replaces a fraction of the values by NaN, +-Inf or 0. */
    private double[] sprinkle(double[] v, Precision p, double fraction) {
        double[] pool = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, huge(p)};
        for (int i = 0; i < v.length; i++) {
            if (random.nextDouble() < fraction) {
                v[i] = pool[random.nextInt(pool.length)];
            }
        }
        return v;
    }

    /** The values as the precision stores them (so that bounds use what both backends see). */
    private static double[] roundAll(Precision p, double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = round(p, v[i]);
        }
        return v;
    }

    private static double[] absolute(double[] v) {
        double[] a = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }

    private static double[] scaled(double[] v, double s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return v;
    }

    /** {@code [cols, rows]} row-major from {@code [rows, cols]} row-major. */
    private static double[] transpose(double[] v, int rows, int cols) {
        double[] t = new double[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = v[i * cols + j];
            }
        }
        return t;
    }

    private static Tensor upload(ComputeBackend be, Precision p, int rows, int cols, double... values) {
        Tensor t = be.allocate(rows, cols, p);
        be.upload(values, 0, t);
        return t;
    }

    private Tensor refUpload(Precision p, int rows, int cols, double... values) {
        return upload(ref, p, rows, cols, values);
    }

    private static double[] download(ComputeBackend be, Tensor t) {
        double[] v = new double[(int) t.size()];
        be.download(t, v, 0);
        return v;
    }

    /** {@code tanh}, smooth: {@code f' = 1 - y^2}. */
    protected static final ActivationFunction TANH = new ActivationFunction() {
        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x, double y) {
            return 1 - y * y;
        }

        @Override
        public String toString() {
            return "tanh";
        }
    };

    /** ReLU with a kink at 0 ({@code f'(0) = 0}); NaN stays NaN. */
    protected static final ActivationFunction RELU = new ActivationFunction() {
        @Override
        public double value(double x) {
            return x > 0 || x != x ? x : 0;
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0 ? 1 : x != x ? x : 0;
        }

        @Override
        public String toString() {
            return "relu";
        }
    };

    /** {@code Form.RELU} as that constant defines it (as the activations bundle's {@code relu}). */
    protected static final ActivationFunction STANDARD_RELU = new ActivationFunction() {
        @Override
        public double value(double x) {
            return Math.max(0.0, x);
        }

        @Override
        public double derivative(double x, double y) {
            return x > 0 ? 1 : x <= 0 ? 0 : Double.NaN;
        }

        @Override
        public Form form() {
            return Form.RELU;
        }

        @Override
        public String toString() {
            return "relu (standard form)";
        }
    };

    /** {@code Form.IDENTITY} as that constant defines it. */
    protected static final ActivationFunction STANDARD_IDENTITY = new ActivationFunction() {
        @Override
        public double value(double x) {
            return x;
        }

        @Override
        public double derivative(double x, double y) {
            return Double.isNaN(x) ? Double.NaN : 1;
        }

        @Override
        public Form form() {
            return Form.IDENTITY;
        }

        @Override
        public String toString() {
            return "identity (standard form)";
        }
    };

    /**
     * The activations the element-wise tests run: two of form OTHER (computed through value and derivative
     * by every backend) and the standard forms, which a backend may compute with its own kernels.
     */
    protected static final List<ActivationFunction> ACTIVATIONS = List.of(
            TANH, RELU, GateFunction.SIGMOID, GateFunction.TANH, STANDARD_RELU, STANDARD_IDENTITY);
}

package org.gradflow.api.tensor;

import java.util.Set;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.Component;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where tensors live and how they are computed: the service kind {@code compute-backend}. Layers,
 * losses and optimizers do every piece of tensor math through these operations, so a faster backend
 * (vectorized, native, CUDA) takes over without touching them. The core picks the backend a run spec
 * names, or else the one with the highest service ranking.
 *
 * <p>Conventions: shapes are {@code [rows, cols]}, row-major; in a batch, rows are examples
 * ({@code B}). Every operation writes only its last tensor argument (the output) unless it says
 * otherwise; inputs and output may not alias unless it says so. Results must equal the plain
 * double-precision definition given here within the precision's rounding.
 */
@ConsumerType
public interface ComputeBackend extends Component {
    /** Precisions this backend can allocate. Every backend supports {@link Precision#FLOAT64}. */
    Set<Precision> precisions();

    /** A new zero-filled tensor. */
    Tensor allocate(int rows, int cols, Precision precision);

    /** Copies {@code rows*cols} values, row-major, from {@code source[offset...]} into {@code target}. */
    void upload(double[] source, int offset, Tensor target);

    /** Copies {@code target.size()} values, row-major, into {@code target[offset...]} on the host. */
    void download(Tensor source, double[] target, int offset);

    /** {@code target = source} (same shape). */
    void copy(Tensor source, Tensor target);

    /**
     * Copies a block of columns: {@code target[i][targetColumn + j] = source[i][sourceColumn + j] + beta *
     * target[i][targetColumn + j]} for every row i and {@code 0 <= j < columns}; the rest of {@code target}
     * is untouched. With {@code beta = 0} the old block (even NaN) is ignored. Both tensors have the same
     * rows; the blocks must lie inside them. Recurrent layers use it to read time step t of a
     * {@code [B, steps * features]} sequence and to write or accumulate into it.
     */
    void copyColumns(Tensor source, int sourceColumn, Tensor target, int targetColumn, int columns, double beta);

    /** Every element set to {@code value}. */
    void fill(Tensor target, double value);

    /**
     * General matrix product {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is
     * {@code x} or its transpose. With {@code beta = 0}, {@code c}'s old contents (even NaN) are ignored.
     */
    void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, double alpha, double beta, Tensor c);

    /** {@code m[i][j] += row[0][j]} for every row i ({@code row} is {@code [1, m.cols]}): adds a bias. */
    void addRowVector(Tensor row, Tensor m);

    /** {@code out[0][j] = sum_i m[i][j] + beta * out[0][j]}: the bias gradient of a batch. */
    void sumRows(Tensor m, double beta, Tensor out);

    /** {@code y = a * x + b * y}, element-wise ({@code x} may be {@code y}). */
    void axpby(double a, Tensor x, double b, Tensor y);

    /** {@code y = b * y + a * x * x}, element-wise: second-moment accumulators. */
    void addScaledSquare(double a, Tensor x, double b, Tensor y);

    /** {@code y = y + a * num / (sqrt(den) + eps)}, element-wise: adaptive-rate updates. */
    void addScaledRatio(double a, Tensor num, Tensor den, double eps, Tensor y);

    /** {@code y = x * y}, element-wise (Hadamard product; masks). */
    void multiply(Tensor x, Tensor y);

    /** {@code y = min(max(y, lo), hi)}, element-wise, in place. NaN stays NaN. */
    void clamp(double lo, double hi, Tensor y);

    /** {@code a = f(z)}, element-wise ({@code z} may be {@code a}). */
    void activate(ActivationFunction f, Tensor z, Tensor a);

    /**
     * {@code gradZ = gradA * f'(z)}, element-wise, where {@code a = f(z)} from the forward pass is
     * passed too so that f' may use it ({@code gradA} may be {@code gradZ}).
     */
    void activateBackward(ActivationFunction f, Tensor z, Tensor a, Tensor gradA, Tensor gradZ);

    /** Row-wise softmax, {@code probs[i][j] = exp(x[i][j] - max_i) / sum_k exp(x[i][k] - max_i)}. */
    void softmaxRows(Tensor logits, Tensor probs);

    /**
     * {@code -sum_ij targets[i][j] * log(max(probs[i][j], tiny))}, where tiny is the smallest normal
     * number of the precision: the summed cross-entropy of a batch (divide by B for the mean).
     */
    double crossEntropy(Tensor probs, Tensor targets);

    /** {@code sum_ij (a[i][j] - b[i][j])^2}. */
    double squaredDistance(Tensor a, Tensor b);

    /** {@code out[i]} = index of the largest element of row i (first one on ties). */
    void argmaxRows(Tensor t, int[] out);

    /** Count, L2 norm, max |x| and number of non-finite elements, in one pass. */
    TensorStats stats(Tensor t);

    /** {@code y = y + a * sign(x)}, element-wise, with sign(0) = 0 and sign(NaN) = NaN: the L1 penalty's gradient. */
    void addScaledSign(double a, Tensor x, Tensor y);

    /** {@code sum_ij |x_ij|}, the L1 norm; NaN when any element is NaN. */
    double sumAbs(Tensor x);

    /** {@code y = max(x, y)}, element-wise; NaN where either is NaN. */
    void maximum(Tensor x, Tensor y);

    /** {@code y = sqrt(x)}, element-wise (NaN for negative x); {@code x} may be {@code y}. */
    void sqrt(Tensor x, Tensor y);

    /**
     * The max-norm constraint: every row of {@code m} whose L2 norm {@code r} exceeds {@code maxNorm}
     * is multiplied by {@code maxNorm / r}; other rows, and rows with a non-finite norm, are unchanged.
     * For a weight matrix {@code [out, in]} a row is one unit's incoming weights.
     */
    void capRowNorms(double maxNorm, Tensor m);

    /**
     * An inverted-dropout mask: element {@code i} (row-major index) is {@code scale} when
     * {@code u(seed, i) < keep} and 0 otherwise, where {@code u(seed, i) = (h >>> 11) * 2^-53} and
     * {@code h = splitmix64(seed + (i + 1) * 0x9E3779B97F4A7C15L)}, with the SplitMix64 finalizer
     * {@code z ^= z >>> 30; z *= 0xBF58476D1CE4E5B9L; z ^= z >>> 27; z *= 0x94D049BB133111EBL; z ^= z >>> 31}
     * (64-bit wrapping arithmetic). Every backend produces the same mask, bit for bit.
     */
    void dropoutMask(double keep, double scale, long seed, Tensor mask);

    /**
     * Normalizes {@code x [B, C]} along {@code axis}: {@code mean} and biased {@code var} (divided by the
     * count) of each feature over the batch ({@code [1, C]}, BATCH) or of each example over its features
     * ({@code [B, 1]}, FEATURES), and {@code xhat = (x - mean) / sqrt(var + eps)}.
     */
    void normalize(NormAxis axis, Tensor x, double eps, Tensor mean, Tensor var, Tensor xhat);

    /** {@code xhat = (x - mean) / sqrt(var + eps)} with given per-feature {@code mean, var [1, C]} (evaluation). */
    void normalizeWith(Tensor x, Tensor mean, Tensor var, double eps, Tensor xhat);

    /**
     * Back-propagates through {@link #normalize}: with {@code s = 1 / sqrt(var + eps)} and means taken
     * along {@code axis}, {@code gradX = s * (gradXhat - mean(gradXhat) - xhat * mean(gradXhat * xhat))}.
     */
    void normalizeBackward(NormAxis axis, Tensor gradXhat, Tensor xhat, Tensor var, double eps, Tensor gradX);

    /** {@code y = xhat * gamma + beta}, per feature ({@code gamma, beta [1, C]} broadcast over rows). */
    void scaleShift(Tensor xhat, Tensor gamma, Tensor beta, Tensor y);

    /**
     * Back-propagates through {@link #scaleShift}: <em>adds</em> {@code sum_i gradY * xhat} into
     * {@code gradGamma} and {@code sum_i gradY} into {@code gradBeta}, and sets {@code gradXhat = gradY * gamma}.
     */
    void scaleShiftBackward(Tensor gradY, Tensor xhat, Tensor gamma, Tensor gradGamma, Tensor gradBeta, Tensor gradXhat);

    /** Parametric ReLU: {@code y = x} where {@code x > 0}, else {@code slope[j] * x} ({@code slope [1, C]}). */
    void prelu(Tensor x, Tensor slope, Tensor y);

    /**
     * Back-propagates through {@link #prelu}: {@code gradX = gradY} where {@code x > 0}, else
     * {@code slope[j] * gradY}; <em>adds</em> {@code sum_i gradY * min(x, 0)} into {@code gradSlope}.
     */
    void preluBackward(Tensor gradY, Tensor x, Tensor slope, Tensor gradSlope, Tensor gradX);

    /** The uniform number {@link #dropoutMask} compares with {@code keep}, for backends and tests. */
    static double dropoutUniform(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z ^= z >>> 30;
        z *= 0xBF58476D1CE4E5B9L;
        z ^= z >>> 27;
        z *= 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}

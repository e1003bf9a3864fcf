package org.gradflow.testkit;

import java.util.EnumSet;
import java.util.Set;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.NormAxis;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.api.tensor.TensorStats;

/**
 * The reference backend: every operation of {@link ComputeBackend} written as the plainest loop over a
 * row-major {@code double[]}, straight from the formula in the SPI's Javadoc. It is slow on purpose;
 * fast backends are tested against it, and layer gradient checks run on it. FLOAT32 tensors round
 * every stored value to float, so float paths can be checked too.
 */
public final class ReferenceBackend implements ComputeBackend {

    /** A reference tensor: a row-major double array. */
    public static final class Dense implements Tensor {
        final int rows;
        final int cols;
        final Precision precision;
        final double[] data;
        final ReferenceBackend owner;

        Dense(ReferenceBackend owner, int rows, int cols, Precision precision) {
            this.owner = owner;
            this.rows = rows;
            this.cols = cols;
            this.precision = precision;
            this.data = new double[Math.multiplyExact(rows, cols)];
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public Precision precision() {
            return precision;
        }

        @Override
        public ComputeBackend backend() {
            return owner;
        }

        @Override
        public void close() {
            // heap memory: nothing to release
        }

        double get(int r, int c) {
            return data[r * cols + c];
        }

        void set(int i, double v) {
            data[i] = precision == Precision.FLOAT32 ? (float) v : v;
        }
    }

    private static Dense d(Tensor t) {
        return (Dense) t;
    }

    private static void sameShape(Tensor a, Tensor b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException("shape mismatch: " + a.rows() + "x" + a.cols() + " vs " + b.rows() + "x" + b.cols());
        }
    }

    @Override
    public Set<Precision> precisions() {
        return EnumSet.allOf(Precision.class);
    }

    @Override
    public Tensor allocate(int rows, int cols, Precision precision) {
        return new Dense(this, rows, cols, precision);
    }

    @Override
    public void upload(double[] source, int offset, Tensor target) {
        Dense t = d(target);
        for (int i = 0; i < t.data.length; i++) {
            t.set(i, source[offset + i]);
        }
    }

    @Override
    public void download(Tensor source, double[] target, int offset) {
        Dense s = d(source);
        System.arraycopy(s.data, 0, target, offset, s.data.length);
    }

    @Override
    public void copy(Tensor source, Tensor target) {
        sameShape(source, target);
        for (int i = 0; i < d(source).data.length; i++) {
            d(target).set(i, d(source).data[i]);
        }
    }

    @Override
    public void copyColumns(Tensor source, int sourceColumn, Tensor target, int targetColumn, int columns,
            double beta) {
        Dense s = d(source), t = d(target);
        if (s.rows != t.rows || columns < 0 || sourceColumn < 0 || targetColumn < 0
                || sourceColumn + columns > s.cols || targetColumn + columns > t.cols) {
            throw new IllegalArgumentException("copyColumns: bad block");
        }
        for (int i = 0; i < s.rows; i++) {
            for (int j = 0; j < columns; j++) {
                double old = beta == 0 ? 0 : beta * t.data[i * t.cols + targetColumn + j];
                t.set(i * t.cols + targetColumn + j, s.data[i * s.cols + sourceColumn + j] + old);
            }
        }
    }

    @Override
    public void fill(Tensor target, double value) {
        for (int i = 0; i < d(target).data.length; i++) {
            d(target).set(i, value);
        }
    }

    @Override
    public void matmul(Tensor a, boolean ta, Tensor b, boolean tb, double alpha, double beta, Tensor c) {
        Dense A = d(a), B = d(b), C = d(c);
        int m = ta ? A.cols : A.rows;
        int k = ta ? A.rows : A.cols;
        int kb = tb ? B.cols : B.rows;
        int n = tb ? B.rows : B.cols;
        if (k != kb || C.rows != m || C.cols != n) {
            throw new IllegalArgumentException("matmul shapes: op(a) " + m + "x" + k + ", op(b) " + kb + "x" + n
                    + ", c " + C.rows + "x" + C.cols);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = ta ? A.get(p, i) : A.get(i, p);
                    double bv = tb ? B.get(j, p) : B.get(p, j);
                    sum += av * bv;
                }
                double old = beta == 0 ? 0 : beta * C.get(i, j);
                C.set(i * n + j, alpha * sum + old);
            }
        }
    }

    @Override
    public void addRowVector(Tensor row, Tensor m) {
        Dense R = d(row), M = d(m);
        if (R.rows != 1 || R.cols != M.cols) {
            throw new IllegalArgumentException("row vector must be 1x" + M.cols);
        }
        for (int i = 0; i < M.rows; i++) {
            for (int j = 0; j < M.cols; j++) {
                M.set(i * M.cols + j, M.get(i, j) + R.data[j]);
            }
        }
    }

    @Override
    public void sumRows(Tensor m, double beta, Tensor out) {
        Dense M = d(m), O = d(out);
        if (O.rows != 1 || O.cols != M.cols) {
            throw new IllegalArgumentException("output must be 1x" + M.cols);
        }
        for (int j = 0; j < M.cols; j++) {
            double sum = 0;
            for (int i = 0; i < M.rows; i++) {
                sum += M.get(i, j);
            }
            O.set(j, sum + (beta == 0 ? 0 : beta * O.data[j]));
        }
    }

    @Override
    public void axpby(double a, Tensor x, double b, Tensor y) {
        sameShape(x, y);
        for (int i = 0; i < d(y).data.length; i++) {
            d(y).set(i, a * d(x).data[i] + b * d(y).data[i]);
        }
    }

    @Override
    public void addScaledSquare(double a, Tensor x, double b, Tensor y) {
        sameShape(x, y);
        for (int i = 0; i < d(y).data.length; i++) {
            double xv = d(x).data[i];
            d(y).set(i, b * d(y).data[i] + a * xv * xv);
        }
    }

    @Override
    public void addScaledRatio(double a, Tensor num, Tensor den, double eps, Tensor y) {
        sameShape(num, y);
        sameShape(den, y);
        for (int i = 0; i < d(y).data.length; i++) {
            d(y).set(i, d(y).data[i] + a * d(num).data[i] / (Math.sqrt(d(den).data[i]) + eps));
        }
    }

    @Override
    public void multiply(Tensor x, Tensor y) {
        sameShape(x, y);
        for (int i = 0; i < d(y).data.length; i++) {
            d(y).set(i, d(x).data[i] * d(y).data[i]);
        }
    }

    @Override
    public void clamp(double lo, double hi, Tensor y) {
        for (int i = 0; i < d(y).data.length; i++) {
            double v = d(y).data[i];
            d(y).set(i, Double.isNaN(v) ? v : Math.min(Math.max(v, lo), hi));
        }
    }

    @Override
    public void activate(ActivationFunction f, Tensor z, Tensor a) {
        sameShape(z, a);
        for (int i = 0; i < d(a).data.length; i++) {
            d(a).set(i, f.value(d(z).data[i]));
        }
    }

    @Override
    public void activateBackward(ActivationFunction f, Tensor z, Tensor a, Tensor gradA, Tensor gradZ) {
        sameShape(z, gradZ);
        for (int i = 0; i < d(gradZ).data.length; i++) {
            d(gradZ).set(i, d(gradA).data[i] * f.derivative(d(z).data[i], d(a).data[i]));
        }
    }

    @Override
    public void softmaxRows(Tensor logits, Tensor probs) {
        sameShape(logits, probs);
        Dense X = d(logits), P = d(probs);
        for (int i = 0; i < X.rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < X.cols; j++) {
                max = Math.max(max, X.get(i, j));
            }
            double sum = 0;
            for (int j = 0; j < X.cols; j++) {
                sum += Math.exp(X.get(i, j) - max);
            }
            for (int j = 0; j < X.cols; j++) {
                P.set(i * X.cols + j, Math.exp(X.get(i, j) - max) / sum);
            }
        }
    }

    @Override
    public double crossEntropy(Tensor probs, Tensor targets) {
        sameShape(probs, targets);
        double tiny = probs.precision() == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        double sum = 0;
        for (int i = 0; i < d(probs).data.length; i++) {
            double t = d(targets).data[i];
            if (t != 0) {
                sum -= t * Math.log(Math.max(d(probs).data[i], tiny));
            }
        }
        return sum;
    }

    @Override
    public double squaredDistance(Tensor a, Tensor b) {
        sameShape(a, b);
        double sum = 0;
        for (int i = 0; i < d(a).data.length; i++) {
            double diff = d(a).data[i] - d(b).data[i];
            sum += diff * diff;
        }
        return sum;
    }

    @Override
    public void argmaxRows(Tensor t, int[] out) {
        Dense T = d(t);
        for (int i = 0; i < T.rows; i++) {
            int best = 0;
            for (int j = 1; j < T.cols; j++) {
                if (T.get(i, j) > T.get(i, best)) {
                    best = j;
                }
            }
            out[i] = best;
        }
    }

    @Override
    public TensorStats stats(Tensor t) {
        double sumSq = 0;
        double maxAbs = 0;
        long nonFinite = 0;
        for (double v : d(t).data) {
            if (Double.isFinite(v)) {
                sumSq += v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            } else {
                nonFinite++;
            }
        }
        return new TensorStats(d(t).data.length, Math.sqrt(sumSq), maxAbs, nonFinite);
    }

    @Override
    public void addScaledSign(double a, Tensor x, Tensor y) {
        sameShape(x, y);
        for (int i = 0; i < d(y).data.length; i++) {
            double v = d(x).data[i];
            double sign = Double.isNaN(v) ? Double.NaN : v > 0 ? 1 : v < 0 ? -1 : 0;
            d(y).set(i, d(y).data[i] + a * sign);
        }
    }

    @Override
    public double sumAbs(Tensor x) {
        double sum = 0;
        for (double v : d(x).data) {
            sum += Math.abs(v);
        }
        return sum;
    }

    @Override
    public void maximum(Tensor x, Tensor y) {
        sameShape(x, y);
        for (int i = 0; i < d(y).data.length; i++) {
            d(y).set(i, Math.max(d(x).data[i], d(y).data[i]));
        }
    }

    @Override
    public void sqrt(Tensor x, Tensor y) {
        sameShape(x, y);
        for (int i = 0; i < d(y).data.length; i++) {
            d(y).set(i, Math.sqrt(d(x).data[i]));
        }
    }

    @Override
    public void capRowNorms(double maxNorm, Tensor m) {
        Dense M = d(m);
        for (int r = 0; r < M.rows; r++) {
            double sumSq = 0;
            for (int c = 0; c < M.cols; c++) {
                sumSq += M.get(r, c) * M.get(r, c);
            }
            double norm = Math.sqrt(sumSq);
            if (Double.isFinite(norm) && norm > maxNorm) {
                double factor = maxNorm / norm;
                for (int c = 0; c < M.cols; c++) {
                    M.set(r * M.cols + c, M.get(r, c) * factor);
                }
            }
        }
    }

    @Override
    public void dropoutMask(double keep, double scale, long seed, Tensor mask) {
        for (int i = 0; i < d(mask).data.length; i++) {
            d(mask).set(i, ComputeBackend.dropoutUniform(seed, i) < keep ? scale : 0);
        }
    }

    /** Index of the statistic of element (r, c) along {@code axis}: the column for BATCH, the row for FEATURES. */
    private static int stat(NormAxis axis, int r, int c) {
        return axis == NormAxis.BATCH ? c : r;
    }

    @Override
    public void normalize(NormAxis axis, Tensor x, double eps, Tensor mean, Tensor var, Tensor xhat) {
        Dense X = d(x);
        sameShape(x, xhat);
        int stats = axis == NormAxis.BATCH ? X.cols : X.rows;
        int count = axis == NormAxis.BATCH ? X.rows : X.cols;
        double[] sum = new double[stats];
        for (int r = 0; r < X.rows; r++) {
            for (int c = 0; c < X.cols; c++) {
                sum[stat(axis, r, c)] += X.get(r, c);
            }
        }
        double[] mu = new double[stats];
        for (int k = 0; k < stats; k++) {
            mu[k] = sum[k] / count;
        }
        double[] sq = new double[stats];
        for (int r = 0; r < X.rows; r++) {
            for (int c = 0; c < X.cols; c++) {
                double dev = X.get(r, c) - mu[stat(axis, r, c)];
                sq[stat(axis, r, c)] += dev * dev;
            }
        }
        for (int k = 0; k < stats; k++) {
            d(mean).set(k, mu[k]);
            d(var).set(k, sq[k] / count);
        }
        for (int r = 0; r < X.rows; r++) {
            for (int c = 0; c < X.cols; c++) {
                int k = stat(axis, r, c);
                d(xhat).set(r * X.cols + c, (X.get(r, c) - mu[k]) / Math.sqrt(sq[k] / count + eps));
            }
        }
    }

    @Override
    public void normalizeWith(Tensor x, Tensor mean, Tensor var, double eps, Tensor xhat) {
        Dense X = d(x);
        sameShape(x, xhat);
        for (int r = 0; r < X.rows; r++) {
            for (int c = 0; c < X.cols; c++) {
                d(xhat).set(r * X.cols + c, (X.get(r, c) - d(mean).data[c]) / Math.sqrt(d(var).data[c] + eps));
            }
        }
    }

    @Override
    public void normalizeBackward(NormAxis axis, Tensor gradXhat, Tensor xhat, Tensor var, double eps, Tensor gradX) {
        Dense G = d(gradXhat);
        Dense H = d(xhat);
        sameShape(gradXhat, gradX);
        int stats = axis == NormAxis.BATCH ? G.cols : G.rows;
        int count = axis == NormAxis.BATCH ? G.rows : G.cols;
        double[] meanG = new double[stats];
        double[] meanGH = new double[stats];
        for (int r = 0; r < G.rows; r++) {
            for (int c = 0; c < G.cols; c++) {
                int k = stat(axis, r, c);
                meanG[k] += G.get(r, c) / count;
                meanGH[k] += G.get(r, c) * H.get(r, c) / count;
            }
        }
        for (int r = 0; r < G.rows; r++) {
            for (int c = 0; c < G.cols; c++) {
                int k = stat(axis, r, c);
                double s = 1 / Math.sqrt(d(var).data[k] + eps);
                d(gradX).set(r * G.cols + c, s * (G.get(r, c) - meanG[k] - H.get(r, c) * meanGH[k]));
            }
        }
    }

    @Override
    public void scaleShift(Tensor xhat, Tensor gamma, Tensor beta, Tensor y) {
        Dense H = d(xhat);
        sameShape(xhat, y);
        for (int r = 0; r < H.rows; r++) {
            for (int c = 0; c < H.cols; c++) {
                d(y).set(r * H.cols + c, H.get(r, c) * d(gamma).data[c] + d(beta).data[c]);
            }
        }
    }

    @Override
    public void scaleShiftBackward(Tensor gradY, Tensor xhat, Tensor gamma, Tensor gradGamma, Tensor gradBeta,
            Tensor gradXhat) {
        Dense G = d(gradY);
        Dense H = d(xhat);
        for (int c = 0; c < G.cols; c++) {
            double sg = 0;
            double sgh = 0;
            for (int r = 0; r < G.rows; r++) {
                sg += G.get(r, c);
                sgh += G.get(r, c) * H.get(r, c);
            }
            d(gradGamma).set(c, d(gradGamma).data[c] + sgh);
            d(gradBeta).set(c, d(gradBeta).data[c] + sg);
        }
        for (int r = 0; r < G.rows; r++) {
            for (int c = 0; c < G.cols; c++) {
                d(gradXhat).set(r * G.cols + c, G.get(r, c) * d(gamma).data[c]);
            }
        }
    }

    @Override
    public void prelu(Tensor x, Tensor slope, Tensor y) {
        Dense X = d(x);
        sameShape(x, y);
        for (int r = 0; r < X.rows; r++) {
            for (int c = 0; c < X.cols; c++) {
                double v = X.get(r, c);
                d(y).set(r * X.cols + c, v > 0 ? v : d(slope).data[c] * v);
            }
        }
    }

    @Override
    public void preluBackward(Tensor gradY, Tensor x, Tensor slope, Tensor gradSlope, Tensor gradX) {
        Dense G = d(gradY);
        Dense X = d(x);
        for (int c = 0; c < G.cols; c++) {
            double sum = 0;
            for (int r = 0; r < G.rows; r++) {
                sum += G.get(r, c) * Math.min(X.get(r, c), 0);
            }
            d(gradSlope).set(c, d(gradSlope).data[c] + sum);
        }
        for (int r = 0; r < G.rows; r++) {
            for (int c = 0; c < G.cols; c++) {
                d(gradX).set(r * G.cols + c, X.get(r, c) > 0 ? G.get(r, c) : d(slope).data[c] * G.get(r, c));
            }
        }
    }

    /** Convenience for tests: a tensor holding {@code values} (row-major). */
    public Tensor tensor(int rows, int cols, double... values) {
        Tensor t = allocate(rows, cols, Precision.FLOAT64);
        upload(values, 0, t);
        return t;
    }

    /** Convenience for tests: the tensor's values, row-major. */
    public double[] values(Tensor t) {
        return d(t).data.clone();
    }
}

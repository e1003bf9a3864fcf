package org.gradflow.backend.ojalgo;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.NormAxis;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.api.tensor.TensorStats;
import org.gradflow.kernels.ScalarKernels;
import org.ojalgo.matrix.store.PhysicalStore;
import org.osgi.service.component.annotations.Component;

import static org.gradflow.kernels.ShapeChecks.batch;
import static org.gradflow.kernels.ShapeChecks.rowShape;
import static org.gradflow.kernels.ShapeChecks.sameShape;
import static org.gradflow.kernels.ShapeChecks.statShape;

/**
 * The CPU backend {@code ojalgo}: tensors are heap arrays, row-major; matrix products run on ojAlgo's
 * kernels ({@link Gemm}: {@code R064Store} for FLOAT64, {@code R032Store} for FLOAT32), everything else is
 * a plain loop over the array ({@link Kernels}). It is the baseline that faster backends are measured
 * against, and ranks 0 so that any of them takes over when installed.
 *
 * <p>Every operation checks that its tensors belong to this backend instance, are open, and have
 * agreeing shapes; an {@link IllegalArgumentException} names the operation and the shapes. Tensors of
 * different precisions may be mixed: the operation then runs in FLOAT64 on widened copies and rounds
 * the output to its precision, as the reference does (slower; a run normally uses one precision).
 *
 * <p>Results are deterministic: the same inputs give bit-identical outputs on every call, whatever the
 * number of threads ojAlgo uses (see {@link Gemm}). Scratch memory is per thread, so concurrent runs
 * may share this instance.
 */
@Component(service = ComputeBackend.class, property = "service.ranking:Integer=0")
@GradflowComponent(name = "ojalgo", description = "CPU, ojAlgo matrix products, double and float")
public final class OjAlgoBackend implements ComputeBackend {
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final Gemm.Kernel kernel;

    public OjAlgoBackend() {
        this(Gemm.Kernel.AUTO);
    }

    /** For the product benchmark: forces one ojAlgo kernel. */
    OjAlgoBackend(Gemm.Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Set<Precision> precisions() {
        return EnumSet.of(Precision.FLOAT64, Precision.FLOAT32);
    }

    @Override
    public Tensor allocate(int rows, int cols, Precision precision) {
        if (precision == null) {
            throw new IllegalArgumentException("allocate: precision is null; use one of " + precisions());
        }
        return new OjAlgoTensor(this, rows, cols, precision);
    }

    @Override
    public void upload(double[] source, int offset, Tensor target) {
        OjAlgoTensor t = own("upload", "target", target);
        int n = t.length();
        if (offset < 0 || offset > source.length - n) {
            throw new IllegalArgumentException("upload: target " + t.shape() + " needs " + n + " values from offset "
                    + offset + ", but the source array has " + source.length);
        }
        if (t.d != null) {
            System.arraycopy(source, offset, t.d, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                t.f[i] = (float) source[offset + i];
            }
        }
    }

    @Override
    public void download(Tensor source, double[] target, int offset) {
        OjAlgoTensor s = own("download", "source", source);
        int n = s.length();
        if (offset < 0 || offset > target.length - n) {
            throw new IllegalArgumentException("download: source " + s.shape() + " has " + n + " values for offset "
                    + offset + ", but the target array has " + target.length);
        }
        if (s.d != null) {
            System.arraycopy(s.d, 0, target, offset, n);
        } else {
            for (int i = 0; i < n; i++) {
                target[offset + i] = s.f[i];
            }
        }
    }

    @Override
    public void copy(Tensor source, Tensor target) {
        OjAlgoTensor s = own("copy", "source", source);
        OjAlgoTensor t = own("copy", "target", target);
        sameShape("copy", "source", s, "target", t);
        if (s.d != null && t.d != null) {
            System.arraycopy(s.d, 0, t.d, 0, s.d.length);
        } else if (s.f != null && t.f != null) {
            System.arraycopy(s.f, 0, t.f, 0, s.f.length);
        } else if (s.d != null) {
            for (int i = 0; i < s.d.length; i++) {
                t.f[i] = (float) s.d[i];
            }
        } else {
            for (int i = 0; i < s.f.length; i++) {
                t.d[i] = s.f[i];
            }
        }
    }

    @Override
    public void copyColumns(Tensor source, int sourceColumn, Tensor target, int targetColumn, int columns,
            double beta) {
        OjAlgoTensor s = own("copyColumns", "source", source);
        OjAlgoTensor t = own("copyColumns", "target", target);
        if (s.rows != t.rows || columns < 0 || sourceColumn < 0 || targetColumn < 0
                || sourceColumn + columns > s.cols || targetColumn + columns > t.cols) {
            throw new IllegalArgumentException("copyColumns: cannot copy " + columns + " columns from column "
                    + sourceColumn + " of source " + s.shape() + " to column " + targetColumn + " of target "
                    + t.shape());
        }
        if (s == t && columns > 0) {
            throw new IllegalArgumentException("copyColumns: source and target are the same tensor " + s.shape());
        }
        for (int i = 0; i < s.rows; i++) {
            int from = i * s.cols + sourceColumn;
            int to = i * t.cols + targetColumn;
            if (beta == 0 && s.d != null && t.d != null) {
                System.arraycopy(s.d, from, t.d, to, columns);
            } else if (beta == 0 && s.f != null && t.f != null) {
                System.arraycopy(s.f, from, t.f, to, columns);
            } else if (t.d != null) {
                for (int j = 0; j < columns; j++) {
                    double v = s.d != null ? s.d[from + j] : s.f[from + j];
                    t.d[to + j] = beta == 0 ? v : v + beta * t.d[to + j];
                }
            } else {
                for (int j = 0; j < columns; j++) {
                    double v = s.d != null ? s.d[from + j] : s.f[from + j];
                    t.f[to + j] = (float) (beta == 0 ? v : v + beta * t.f[to + j]);
                }
            }
        }
    }

    @Override
    public void fill(Tensor target, double value) {
        OjAlgoTensor t = own("fill", "target", target);
        if (t.d != null) {
            Arrays.fill(t.d, value);
        } else {
            Arrays.fill(t.f, (float) value);
        }
    }

    @Override
    public void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, double alpha, double beta,
            Tensor c) {
        OjAlgoTensor A = own("matmul", "a", a);
        OjAlgoTensor B = own("matmul", "b", b);
        OjAlgoTensor C = own("matmul", "c", c);
        int m = transposeA ? A.cols : A.rows;
        int k = transposeA ? A.rows : A.cols;
        int kb = transposeB ? B.cols : B.rows;
        int n = transposeB ? B.rows : B.cols;
        if (k != kb || C.rows != m || C.cols != n) {
            throw new IllegalArgumentException("matmul: shapes do not agree: op(a) is " + m + "x" + k + " (a " + A.shape()
                    + (transposeA ? " transposed" : "") + "), op(b) is " + kb + "x" + n + " (b " + B.shape()
                    + (transposeB ? " transposed" : "") + "), c is " + C.shape() + "; need op(a) m x k, op(b) k x n, c m x n");
        }
        if (C == A || C == B) {
            throw new IllegalArgumentException("matmul: c (" + C + ") is also " + (C == A ? "a" : "b")
                    + "; the output may not alias an input");
        }
        if (A.precision != C.precision || B.precision != C.precision) {
            OjAlgoTensor wide = widened(C);
            matmul(widened(A), transposeA, widened(B), transposeB, alpha, beta, wide);
            narrowInto(wide, C);
            return;
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scaleAndAdd(C, alpha, null, beta);
            return;
        }
        if (beta == 0) {
            Gemm.product(A, transposeA, B, transposeB, m, k, n, C.store, scratch.get(), kernel);
            if (alpha != 1) {
                scaleAndAdd(C, alpha, C.store, 0);
            }
        } else {
            Scratch s = scratch.get();
            PhysicalStore<Double> product = s.store(Scratch.PRODUCT, C.precision, n, m);
            Gemm.product(A, transposeA, B, transposeB, m, k, n, product, s, kernel);
            scaleAndAdd(C, alpha, product, beta);
        }
    }

    /**
     * {@code c = alpha * p + beta * c}, where {@code p} is a product of c's shape and precision
     * ({@code null}: zero, an empty sum); {@code beta = 0} ignores c's old contents.
     */
    private static void scaleAndAdd(OjAlgoTensor c, double alpha, PhysicalStore<Double> p, double beta) {
        if (c.d != null) {
            double[] y = c.d;
            double[] x = p == null ? null : Scratch.data64(p);
            for (int i = 0; i < y.length; i++) {
                double sum = x == null ? 0 : x[i];
                y[i] = alpha * sum + (beta == 0 ? 0 : beta * y[i]);
            }
        } else {
            float[] y = c.f;
            float[] x = p == null ? null : Scratch.data32(p);
            for (int i = 0; i < y.length; i++) {
                double sum = x == null ? 0 : x[i];
                y[i] = (float) (alpha * sum + (beta == 0 ? 0 : beta * y[i]));
            }
        }
    }

    @Override
    public void addRowVector(Tensor row, Tensor m) {
        OjAlgoTensor r = own("addRowVector", "row", row);
        OjAlgoTensor t = own("addRowVector", "m", m);
        if (r.rows != 1 || r.cols != t.cols) {
            throw new IllegalArgumentException("addRowVector: row is " + r.shape() + " but m is " + t.shape()
                    + "; the row must be 1x" + t.cols);
        }
        if (r.precision != t.precision) {
            OjAlgoTensor wide = widened(t);
            addRowVector(widened(r), wide);
            narrowInto(wide, t);
        } else if (t.d != null) {
            Kernels.addRowVector(r.d, t.d, t.cols);
        } else {
            Kernels.addRowVector(r.f, t.f, t.cols);
        }
    }

    @Override
    public void sumRows(Tensor m, double beta, Tensor out) {
        OjAlgoTensor t = own("sumRows", "m", m);
        OjAlgoTensor o = own("sumRows", "out", out);
        if (o.rows != 1 || o.cols != t.cols) {
            throw new IllegalArgumentException("sumRows: m is " + t.shape() + " but out is " + o.shape()
                    + "; out must be 1x" + t.cols);
        }
        double[] sums = scratch.get().row(t.cols);
        if (t.d != null) {
            Kernels.columnSums(t.d, t.cols, sums);
        } else {
            Kernels.columnSums(t.f, t.cols, sums);
        }
        if (o.d != null) {
            for (int j = 0; j < o.cols; j++) {
                o.d[j] = sums[j] + (beta == 0 ? 0 : beta * o.d[j]);
            }
        } else {
            for (int j = 0; j < o.cols; j++) {
                o.f[j] = (float) (sums[j] + (beta == 0 ? 0 : beta * o.f[j]));
            }
        }
    }

    @Override
    public void axpby(double a, Tensor x, double b, Tensor y) {
        OjAlgoTensor X = own("axpby", "x", x);
        OjAlgoTensor Y = own("axpby", "y", y);
        sameShape("axpby", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            OjAlgoTensor wide = widened(Y);
            axpby(a, widened(X), b, wide);
            narrowInto(wide, Y);
        } else if (Y.d != null) {
            Kernels.axpby(a, X.d, b, Y.d);
        } else {
            Kernels.axpby(a, X.f, b, Y.f);
        }
    }

    @Override
    public void addScaledSquare(double a, Tensor x, double b, Tensor y) {
        OjAlgoTensor X = own("addScaledSquare", "x", x);
        OjAlgoTensor Y = own("addScaledSquare", "y", y);
        sameShape("addScaledSquare", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            OjAlgoTensor wide = widened(Y);
            addScaledSquare(a, widened(X), b, wide);
            narrowInto(wide, Y);
        } else if (Y.d != null) {
            Kernels.addScaledSquare(a, X.d, b, Y.d);
        } else {
            Kernels.addScaledSquare(a, X.f, b, Y.f);
        }
    }

    @Override
    public void addScaledRatio(double a, Tensor num, Tensor den, double eps, Tensor y) {
        OjAlgoTensor N = own("addScaledRatio", "num", num);
        OjAlgoTensor D = own("addScaledRatio", "den", den);
        OjAlgoTensor Y = own("addScaledRatio", "y", y);
        sameShape("addScaledRatio", "num", N, "y", Y);
        sameShape("addScaledRatio", "den", D, "y", Y);
        if (N.precision != Y.precision || D.precision != Y.precision) {
            OjAlgoTensor wide = widened(Y);
            addScaledRatio(a, widened(N), widened(D), eps, wide);
            narrowInto(wide, Y);
        } else if (Y.d != null) {
            Kernels.addScaledRatio(a, N.d, D.d, eps, Y.d);
        } else {
            Kernels.addScaledRatio(a, N.f, D.f, eps, Y.f);
        }
    }

    @Override
    public void multiply(Tensor x, Tensor y) {
        OjAlgoTensor X = own("multiply", "x", x);
        OjAlgoTensor Y = own("multiply", "y", y);
        sameShape("multiply", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            OjAlgoTensor wide = widened(Y);
            multiply(widened(X), wide);
            narrowInto(wide, Y);
        } else if (Y.d != null) {
            Kernels.multiply(X.d, Y.d);
        } else {
            Kernels.multiply(X.f, Y.f);
        }
    }

    @Override
    public void clamp(double lo, double hi, Tensor y) {
        OjAlgoTensor Y = own("clamp", "y", y);
        if (Y.d != null) {
            Kernels.clamp(lo, hi, Y.d);
        } else {
            Kernels.clamp(lo, hi, Y.f);
        }
    }

    @Override
    public void activate(ActivationFunction f, Tensor z, Tensor a) {
        OjAlgoTensor Z = own("activate", "z", z);
        OjAlgoTensor A = own("activate", "a", a);
        sameShape("activate", "z", Z, "a", A);
        if (Z.precision != A.precision) {
            OjAlgoTensor wide = widened(A);
            activate(f, widened(Z), wide);
            narrowInto(wide, A);
        } else if (A.d != null) {
            ScalarKernels.activate(f, Z.d, A.d);
        } else {
            ScalarKernels.activate(f, Z.f, A.f);
        }
    }

    @Override
    public void activateBackward(ActivationFunction f, Tensor z, Tensor a, Tensor gradA, Tensor gradZ) {
        OjAlgoTensor Z = own("activateBackward", "z", z);
        OjAlgoTensor A = own("activateBackward", "a", a);
        OjAlgoTensor GA = own("activateBackward", "gradA", gradA);
        OjAlgoTensor GZ = own("activateBackward", "gradZ", gradZ);
        sameShape("activateBackward", "z", Z, "gradZ", GZ);
        sameShape("activateBackward", "a", A, "gradZ", GZ);
        sameShape("activateBackward", "gradA", GA, "gradZ", GZ);
        Precision p = GZ.precision;
        if (Z.precision != p || A.precision != p || GA.precision != p) {
            OjAlgoTensor wide = widened(GZ);
            activateBackward(f, widened(Z), widened(A), GA == GZ ? wide : widened(GA), wide);
            narrowInto(wide, GZ);
        } else if (p == Precision.FLOAT64) {
            ScalarKernels.activateBackward(f, Z.d, A.d, GA.d, GZ.d);
        } else {
            ScalarKernels.activateBackward(f, Z.f, A.f, GA.f, GZ.f);
        }
    }

    @Override
    public void softmaxRows(Tensor logits, Tensor probs) {
        OjAlgoTensor X = own("softmaxRows", "logits", logits);
        OjAlgoTensor P = own("softmaxRows", "probs", probs);
        sameShape("softmaxRows", "logits", X, "probs", P);
        if (X.precision != P.precision) {
            OjAlgoTensor wide = widened(P);
            softmaxRows(widened(X), wide);
            narrowInto(wide, P);
        } else if (P.d != null) {
            ScalarKernels.softmaxRows(X.d, P.d, P.cols, scratch.get().row(P.cols));
        } else {
            ScalarKernels.softmaxRows(X.f, P.f, P.cols, scratch.get().row(P.cols));
        }
    }

    @Override
    public double crossEntropy(Tensor probs, Tensor targets) {
        OjAlgoTensor P = own("crossEntropy", "probs", probs);
        OjAlgoTensor T = own("crossEntropy", "targets", targets);
        sameShape("crossEntropy", "probs", P, "targets", T);
        double tiny = P.precision == Precision.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        if (P.precision != T.precision) {
            // widening is exact, and tiny follows probs' precision as the definition says
            return ScalarKernels.crossEntropy(widened(P).d, widened(T).d, tiny);
        }
        return P.d != null ? ScalarKernels.crossEntropy(P.d, T.d, tiny) : ScalarKernels.crossEntropy(P.f, T.f, tiny);
    }

    @Override
    public double squaredDistance(Tensor a, Tensor b) {
        OjAlgoTensor A = own("squaredDistance", "a", a);
        OjAlgoTensor B = own("squaredDistance", "b", b);
        sameShape("squaredDistance", "a", A, "b", B);
        if (A.precision != B.precision) {
            return Kernels.squaredDistance(widened(A).d, widened(B).d);
        }
        return A.d != null ? Kernels.squaredDistance(A.d, B.d) : Kernels.squaredDistance(A.f, B.f);
    }

    @Override
    public void argmaxRows(Tensor t, int[] out) {
        OjAlgoTensor T = own("argmaxRows", "t", t);
        if (out.length < T.rows) {
            throw new IllegalArgumentException("argmaxRows: t is " + T.shape() + " but out has room for " + out.length
                    + " rows");
        }
        if (T.cols == 0) {
            Arrays.fill(out, 0, T.rows, 0);
        } else if (T.d != null) {
            ScalarKernels.argmaxRows(T.d, T.cols, out);
        } else {
            ScalarKernels.argmaxRows(T.f, T.cols, out);
        }
    }

    @Override
    public TensorStats stats(Tensor t) {
        OjAlgoTensor T = own("stats", "t", t);
        return T.d != null ? Kernels.stats(T.d) : Kernels.stats(T.f);
    }

    @Override
    public void addScaledSign(double a, Tensor x, Tensor y) {
        OjAlgoTensor X = own("addScaledSign", "x", x);
        OjAlgoTensor Y = own("addScaledSign", "y", y);
        sameShape("addScaledSign", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            OjAlgoTensor wide = widened(Y);
            addScaledSign(a, widened(X), wide);
            narrowInto(wide, Y);
        } else if (Y.d != null) {
            Kernels.addScaledSign(a, X.d, Y.d);
        } else {
            Kernels.addScaledSign(a, X.f, Y.f);
        }
    }

    @Override
    public double sumAbs(Tensor x) {
        OjAlgoTensor X = own("sumAbs", "x", x);
        return X.d != null ? Kernels.sumAbs(X.d) : Kernels.sumAbs(X.f);
    }

    @Override
    public void maximum(Tensor x, Tensor y) {
        OjAlgoTensor X = own("maximum", "x", x);
        OjAlgoTensor Y = own("maximum", "y", y);
        sameShape("maximum", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            OjAlgoTensor wide = widened(Y);
            maximum(widened(X), wide);
            narrowInto(wide, Y);
        } else if (Y.d != null) {
            Kernels.maximum(X.d, Y.d);
        } else {
            Kernels.maximum(X.f, Y.f);
        }
    }

    @Override
    public void sqrt(Tensor x, Tensor y) {
        OjAlgoTensor X = own("sqrt", "x", x);
        OjAlgoTensor Y = own("sqrt", "y", y);
        sameShape("sqrt", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            OjAlgoTensor wide = widened(Y);
            sqrt(widened(X), wide);
            narrowInto(wide, Y);
        } else if (Y.d != null) {
            Kernels.sqrt(X.d, Y.d);
        } else {
            Kernels.sqrt(X.f, Y.f);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A negative or NaN {@code maxNorm} is rejected: no row could meet it, and the factor would flip
     * the sign of rows or turn zero rows into NaN.
     */
    @Override
    public void capRowNorms(double maxNorm, Tensor m) {
        OjAlgoTensor M = own("capRowNorms", "m", m);
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("capRowNorms: maxNorm is " + maxNorm + " for m " + M.shape()
                    + "; it must be >= 0 (a row norm is never negative)");
        }
        if (M.d != null) {
            ScalarKernels.capRowNorms(maxNorm, M.d, M.cols);
        } else {
            ScalarKernels.capRowNorms(maxNorm, M.f, M.cols);
        }
    }

    @Override
    public void dropoutMask(double keep, double scale, long seed, Tensor mask) {
        OjAlgoTensor M = own("dropoutMask", "mask", mask);
        if (M.d != null) {
            ScalarKernels.dropoutMask(keep, scale, seed, M.d);
        } else {
            ScalarKernels.dropoutMask(keep, scale, seed, M.f);
        }
    }

    @Override
    public void normalize(NormAxis axis, Tensor x, double eps, Tensor mean, Tensor var, Tensor xhat) {
        String op = "normalize";
        boolean batch = batch(op, axis);
        OjAlgoTensor X = own(op, "x", x);
        OjAlgoTensor M = own(op, "mean", mean);
        OjAlgoTensor V = own(op, "var", var);
        OjAlgoTensor H = own(op, "xhat", xhat);
        sameShape(op, "x", X, "xhat", H);
        statShape(op, axis, "mean", M, "x", X);
        statShape(op, axis, "var", V, "x", X);
        Precision p = X.precision;
        if (M.precision != p || V.precision != p || H.precision != p) {
            OjAlgoTensor wm = widened(M);
            OjAlgoTensor wv = widened(V);
            OjAlgoTensor wh = widened(H);
            normalize(axis, widened(X), eps, wm, wv, wh);
            narrowInto(wm, M);
            narrowInto(wv, V);
            narrowInto(wh, H);
            return;
        }
        double[] w = scratch.get().row(2 * (batch ? X.cols : X.rows));
        if (p == Precision.FLOAT64) {
            ScalarKernels.normalize(batch, X.d, X.rows, X.cols, eps, M.d, V.d, H.d, w);
        } else {
            ScalarKernels.normalize(batch, X.f, X.rows, X.cols, eps, M.f, V.f, H.f, w);
        }
    }

    @Override
    public void normalizeWith(Tensor x, Tensor mean, Tensor var, double eps, Tensor xhat) {
        String op = "normalizeWith";
        OjAlgoTensor X = own(op, "x", x);
        OjAlgoTensor M = own(op, "mean", mean);
        OjAlgoTensor V = own(op, "var", var);
        OjAlgoTensor H = own(op, "xhat", xhat);
        sameShape(op, "x", X, "xhat", H);
        rowShape(op, "mean", M, "x", X);
        rowShape(op, "var", V, "x", X);
        Precision p = H.precision;
        if (X.precision != p || M.precision != p || V.precision != p) {
            OjAlgoTensor wh = widened(H);
            normalizeWith(widened(X), widened(M), widened(V), eps, wh);
            narrowInto(wh, H);
        } else if (p == Precision.FLOAT64) {
            Kernels.normalizeWith(X.d, X.cols, M.d, V.d, eps, H.d);
        } else {
            Kernels.normalizeWith(X.f, X.cols, M.f, V.f, eps, H.f);
        }
    }

    @Override
    public void normalizeBackward(NormAxis axis, Tensor gradXhat, Tensor xhat, Tensor var, double eps, Tensor gradX) {
        String op = "normalizeBackward";
        boolean batch = batch(op, axis);
        OjAlgoTensor G = own(op, "gradXhat", gradXhat);
        OjAlgoTensor H = own(op, "xhat", xhat);
        OjAlgoTensor V = own(op, "var", var);
        OjAlgoTensor GX = own(op, "gradX", gradX);
        sameShape(op, "gradXhat", G, "gradX", GX);
        sameShape(op, "xhat", H, "gradX", GX);
        statShape(op, axis, "var", V, "gradX", GX);
        Precision p = GX.precision;
        if (G.precision != p || H.precision != p || V.precision != p) {
            OjAlgoTensor wide = widened(GX);
            normalizeBackward(axis, G == GX ? wide : widened(G), H == GX ? wide : widened(H), widened(V), eps, wide);
            narrowInto(wide, GX);
            return;
        }
        double[] w = scratch.get().row(2 * (batch ? GX.cols : GX.rows));
        if (p == Precision.FLOAT64) {
            ScalarKernels.normalizeBackward(batch, G.d, H.d, GX.rows, GX.cols, V.d, eps, GX.d, w);
        } else {
            ScalarKernels.normalizeBackward(batch, G.f, H.f, GX.rows, GX.cols, V.f, eps, GX.f, w);
        }
    }

    @Override
    public void scaleShift(Tensor xhat, Tensor gamma, Tensor beta, Tensor y) {
        String op = "scaleShift";
        OjAlgoTensor H = own(op, "xhat", xhat);
        OjAlgoTensor Ga = own(op, "gamma", gamma);
        OjAlgoTensor Be = own(op, "beta", beta);
        OjAlgoTensor Y = own(op, "y", y);
        sameShape(op, "xhat", H, "y", Y);
        rowShape(op, "gamma", Ga, "xhat", H);
        rowShape(op, "beta", Be, "xhat", H);
        Precision p = Y.precision;
        if (H.precision != p || Ga.precision != p || Be.precision != p) {
            OjAlgoTensor wide = widened(Y);
            scaleShift(H == Y ? wide : widened(H), widened(Ga), widened(Be), wide);
            narrowInto(wide, Y);
        } else if (p == Precision.FLOAT64) {
            Kernels.scaleShift(H.d, H.cols, Ga.d, Be.d, Y.d);
        } else {
            Kernels.scaleShift(H.f, H.cols, Ga.f, Be.f, Y.f);
        }
    }

    @Override
    public void scaleShiftBackward(Tensor gradY, Tensor xhat, Tensor gamma, Tensor gradGamma, Tensor gradBeta,
            Tensor gradXhat) {
        String op = "scaleShiftBackward";
        OjAlgoTensor G = own(op, "gradY", gradY);
        OjAlgoTensor H = own(op, "xhat", xhat);
        OjAlgoTensor Ga = own(op, "gamma", gamma);
        OjAlgoTensor GG = own(op, "gradGamma", gradGamma);
        OjAlgoTensor GB = own(op, "gradBeta", gradBeta);
        OjAlgoTensor GH = own(op, "gradXhat", gradXhat);
        sameShape(op, "gradY", G, "gradXhat", GH);
        sameShape(op, "xhat", H, "gradXhat", GH);
        rowShape(op, "gamma", Ga, "gradY", G);
        rowShape(op, "gradGamma", GG, "gradY", G);
        rowShape(op, "gradBeta", GB, "gradY", G);
        Precision p = G.precision;
        if (H.precision != p || Ga.precision != p || GG.precision != p || GB.precision != p || GH.precision != p) {
            OjAlgoTensor wg = widened(GG);
            OjAlgoTensor wb = widened(GB);
            OjAlgoTensor wh = widened(GH);
            scaleShiftBackward(G == GH ? wh : widened(G), H == GH ? wh : widened(H), widened(Ga), wg, wb, wh);
            narrowInto(wg, GG);
            narrowInto(wb, GB);
            narrowInto(wh, GH);
            return;
        }
        double[] w = scratch.get().row(2 * G.cols);
        if (p == Precision.FLOAT64) {
            Kernels.scaleShiftBackward(G.d, H.d, G.cols, Ga.d, GG.d, GB.d, GH.d, w);
        } else {
            ScalarKernels.scaleShiftBackward(G.f, H.f, G.cols, Ga.f, GG.f, GB.f, GH.f, w);
        }
    }

    @Override
    public void prelu(Tensor x, Tensor slope, Tensor y) {
        String op = "prelu";
        OjAlgoTensor X = own(op, "x", x);
        OjAlgoTensor S = own(op, "slope", slope);
        OjAlgoTensor Y = own(op, "y", y);
        sameShape(op, "x", X, "y", Y);
        rowShape(op, "slope", S, "x", X);
        Precision p = Y.precision;
        if (X.precision != p || S.precision != p) {
            OjAlgoTensor wide = widened(Y);
            prelu(widened(X), widened(S), wide);
            narrowInto(wide, Y);
        } else if (p == Precision.FLOAT64) {
            Kernels.prelu(X.d, X.cols, S.d, Y.d);
        } else {
            Kernels.prelu(X.f, X.cols, S.f, Y.f);
        }
    }

    @Override
    public void preluBackward(Tensor gradY, Tensor x, Tensor slope, Tensor gradSlope, Tensor gradX) {
        String op = "preluBackward";
        OjAlgoTensor G = own(op, "gradY", gradY);
        OjAlgoTensor X = own(op, "x", x);
        OjAlgoTensor S = own(op, "slope", slope);
        OjAlgoTensor GS = own(op, "gradSlope", gradSlope);
        OjAlgoTensor GX = own(op, "gradX", gradX);
        sameShape(op, "gradY", G, "gradX", GX);
        sameShape(op, "x", X, "gradX", GX);
        rowShape(op, "slope", S, "x", X);
        rowShape(op, "gradSlope", GS, "x", X);
        Precision p = G.precision;
        if (X.precision != p || S.precision != p || GS.precision != p || GX.precision != p) {
            OjAlgoTensor ws = widened(GS);
            OjAlgoTensor wx = widened(GX);
            preluBackward(G == GX ? wx : widened(G), X == GX ? wx : widened(X), widened(S), ws, wx);
            narrowInto(ws, GS);
            narrowInto(wx, GX);
            return;
        }
        double[] w = scratch.get().row(G.cols);
        if (p == Precision.FLOAT64) {
            Kernels.preluBackward(G.d, X.d, G.cols, S.d, GS.d, GX.d, w);
        } else {
            Kernels.preluBackward(G.f, X.f, G.cols, S.f, GS.f, GX.f, w);
        }
    }

    @Override
    public String toString() {
        return "ojalgo backend";
    }

    // ----- checks and precision conversion

    private OjAlgoTensor own(String op, String role, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + role + " is null");
        }
        if (t instanceof OjAlgoTensor && ((OjAlgoTensor) t).owner == this) {
            OjAlgoTensor o = (OjAlgoTensor) t;
            if (o.isClosed()) {
                throw new IllegalStateException(op + ": " + role + " (" + o.shape() + ") was closed and may not be used");
            }
            return o;
        }
        String owner = t instanceof OjAlgoTensor ? "another ojalgo backend instance (was the bundle restarted?)"
                : t.backend() == null ? "no backend" : "the backend " + t.backend().getClass().getName();
        throw new IllegalArgumentException(op + ": " + role + " (" + t.rows() + "x" + t.cols() + " " + t.precision()
                + ") belongs to " + owner + ", not to this ojalgo backend; allocate tensors with the backend that"
                + " computes on them, or move the values through download and upload");
    }

    /** {@code t} itself if FLOAT64, else a FLOAT64 copy (exact). */
    private OjAlgoTensor widened(OjAlgoTensor t) {
        if (t.d != null) {
            return t;
        }
        OjAlgoTensor w = new OjAlgoTensor(this, t.rows, t.cols, Precision.FLOAT64);
        for (int i = 0; i < t.f.length; i++) {
            w.d[i] = t.f[i];
        }
        return w;
    }

    /** Rounds the FLOAT64 result {@code wide} into {@code t}, unless it is {@code t}. */
    private static void narrowInto(OjAlgoTensor wide, OjAlgoTensor t) {
        if (wide != t) {
            for (int i = 0; i < t.f.length; i++) {
                t.f[i] = (float) wide.d[i];
            }
        }
    }
}

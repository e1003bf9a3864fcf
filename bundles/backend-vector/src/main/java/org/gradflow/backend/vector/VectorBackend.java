package org.gradflow.backend.vector;

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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import static org.gradflow.kernels.ShapeChecks.batch;
import static org.gradflow.kernels.ShapeChecks.rowShape;
import static org.gradflow.kernels.ShapeChecks.sameShape;
import static org.gradflow.kernels.ShapeChecks.statShape;

/**
 * The CPU backend {@code vector}: tensors are heap arrays, row-major; matrix products are packed,
 * cache-blocked and register-blocked kernels written with the JDK's Vector API ({@link Gemm}), optionally
 * split over a few threads; element-wise operations are vector loops ({@link Kernels}). It ranks 100, above
 * the ojalgo backend (0), so a run without {@code backend=} uses it whenever it is installed and working.
 *
 * <p>Rough speed, one thread, on the project's 2-core AVX2 machine (Zen 2 class) while another benchmark
 * ran, {@code 128x784 * 784x512} through {@link #matmul}, best of 30 after warm-up (two runs of
 * {@code VectorProductBench}; more in {@link Gemm}):
 * <table>
 * <caption>GFLOP/s, 2mnk per product</caption>
 * <tr><th></th><th>float</th><th>double</th></tr>
 * <tr><td>vector (this backend)</td><td>23 - 27</td><td>13</td></tr>
 * <tr><td>ojalgo backend (ojAlgo limited to one thread)</td><td>4.1 - 4.3</td><td>3.7</td></tr>
 * <tr><td>test kit ReferenceBackend</td><td>0.24</td><td>0.24</td></tr>
 * </table>
 *
 * <h2>Activation</h2>
 * The Vector API is an incubator module, present only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, and visible to this bundle only when the system bundle
 * exports its package (Felix 7 exports the packages of every boot-layer module by itself; a framework
 * that lists its system packages needs
 * {@code org.osgi.framework.system.packages.extra=jdk.incubator.vector}). The bundle's import is optional,
 * so it resolves and starts either way. This component is declared <em>disabled</em>
 * ({@code enabled = false}): SCR registers nothing for it until {@link VectorApiProbe}, an immediate
 * component of the same bundle, has checked that the API works ({@link VectorApi#problem()}) and enabled
 * it by name; otherwise the probe logs one line saying how to enable it and the registry never shows a
 * backend that cannot run (checked in a real framework by {@code VectorBackendFrameworkIT} and
 * {@code VectorApiMissingFrameworkIT}).
 *
 * <h2>Configuration</h2>
 * PID {@code org.gradflow.backend.vector} (for example {@code config/org.gradflow.backend.vector.cfg}),
 * property {@code threads}: how many threads one matrix product is split over, the caller included;
 * 0 (the default) means {@code min(available processors, 2)}, 1 never splits. A run spec cannot set it:
 * the SPI gives a backend no per-run settings, and the backend is one service shared by all runs.
 *
 * <p>Every operation checks that its tensors belong to this backend instance, are open, and have
 * agreeing shapes; an {@link IllegalArgumentException} names the operation and the shapes. Tensors of
 * different precisions may be mixed: the operation then runs in FLOAT64 on widened copies and rounds
 * the output to its precision, as the reference does (slower; a run normally uses one precision).
 *
 * <p>Results are deterministic: the same inputs give bit-identical outputs on every call, whatever the
 * number of threads (see {@link Gemm}). Scratch memory is per thread, so concurrent runs may share this
 * instance.
 */
@Component(name = VectorBackend.COMPONENT_NAME, service = ComputeBackend.class, enabled = false,
        configurationPid = VectorBackend.PID, property = "service.ranking:Integer=100")
@GradflowComponent(name = "vector", description = "CPU, JDK Vector API (SIMD) matrix products and loops, double and float")
public final class VectorBackend implements ComputeBackend {
    /** The DS component name, which {@link VectorApiProbe} enables. */
    static final String COMPONENT_NAME = "org.gradflow.backend.vector.VectorBackend";
    /** The configuration PID. */
    static final String PID = "org.gradflow.backend.vector";
    /** The most threads {@code threads} may ask for. */
    static final int MAX_THREADS = 64;

    /** The component's configuration. */
    @interface Config {
        /**
         * Threads one matrix product is split over, the caller included; 0: min(available processors, 2).
         * Text, so that a value that is not a number reaches {@link #configuredThreads} and its message.
         */
        String threads() default "0";
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final Gemm gemm;

    /**
     * DS: configured by {@code threads}. A value out of range is logged as an error naming the file to fix
     * and replaced by 0 (automatic), so a typo in the configuration does not take the backend away.
     */
    @Activate
    public VectorBackend(Config config) {
        this(configuredThreads(config.threads()), Gemm.PARALLEL_MIN_FLOPS);
    }

    /**
     * {@link #threads(int)} of the configured text, or the automatic count with an error in the log when it
     * is not a whole number in range.
     */
    static int configuredThreads(String configured) {
        String problem;
        try {
            return threads(Integer.parseInt(configured.strip()));
        } catch (NumberFormatException e) {
            problem = "threads=" + configured + " for the vector backend (PID " + PID
                    + ") is not a whole number: use 0 (automatic: min(available processors, 2)) or 1.." + MAX_THREADS;
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        org.slf4j.LoggerFactory.getLogger(VectorBackend.class).error("{}; fix config/{}.cfg. Until then the "
                + "backend uses threads=0 (automatic: {})", problem, PID, threads(0));
        return threads(0);
    }

    /**
     * Outside a framework (embedding, benchmarks): splits large products over {@code threads} threads
     * (0: min(available processors, 2)). Needs {@code --add-modules jdk.incubator.vector}.
     *
     * @throws IllegalStateException naming the missing JVM option when the Vector API is absent
     */
    public VectorBackend(int threads) {
        this(threads(threads), Gemm.PARALLEL_MIN_FLOPS);
    }

    /**
     * For tests.
     *
     * @param threads          threads a product is split over (at least 1)
     * @param parallelMinFlops smallest product ({@code 2mnk}) that is split; 0 splits every product that has
     *                         more than one micro-tile
     */
    VectorBackend(int threads, long parallelMinFlops) {
        String problem = VectorApi.problem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        this.gemm = new Gemm(threads, parallelMinFlops);
    }

    /** {@code threads} validated: 0 is min(available processors, 2). */
    static int threads(int configured) {
        if (configured < 0 || configured > MAX_THREADS) {
            throw new IllegalArgumentException("threads=" + configured + " for the vector backend (PID " + PID
                    + "): must be 0 (automatic: min(available processors, 2)) or 1.." + MAX_THREADS);
        }
        return configured == 0 ? Math.min(Runtime.getRuntime().availableProcessors(), 2) : configured;
    }

    /** Threads a large product is split over. */
    int threads() {
        return gemm.threads();
    }

    /** Stops the product threads (DS deactivation). */
    @Deactivate
    void deactivate() {
        close();
    }

    /** Stops the product threads of a backend made with {@link #VectorBackend(int)}. */
    public void close() {
        gemm.close();
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
        return new VectorTensor(this, rows, cols, precision);
    }

    @Override
    public void upload(double[] source, int offset, Tensor target) {
        VectorTensor t = own("upload", "target", target);
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
        VectorTensor s = own("download", "source", source);
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
        VectorTensor s = own("copy", "source", source);
        VectorTensor t = own("copy", "target", target);
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
        VectorTensor s = own("copyColumns", "source", source);
        VectorTensor t = own("copyColumns", "target", target);
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
            } else if (s.d != null && t.d != null) {
                Kernels.addScaledInto(s.d, from, beta, t.d, to, columns);
            } else if (s.f != null && t.f != null) {
                Kernels.addScaledInto(s.f, from, beta, t.f, to, columns);
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
        VectorTensor t = own("fill", "target", target);
        if (t.d != null) {
            Arrays.fill(t.d, value);
        } else {
            Arrays.fill(t.f, (float) value);
        }
    }

    @Override
    public void matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB, double alpha, double beta,
            Tensor c) {
        VectorTensor A = own("matmul", "a", a);
        VectorTensor B = own("matmul", "b", b);
        VectorTensor C = own("matmul", "c", c);
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
            VectorTensor wide = widened(C);
            matmul(widened(A), transposeA, widened(B), transposeB, alpha, beta, wide);
            narrowInto(wide, C);
            return;
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scaleEmpty(C, alpha, beta);
            return;
        }
        gemm.product(A, transposeA, B, transposeB, m, k, n, alpha, beta, C);
    }

    /**
     * {@code c = alpha * 0 + beta * c}: the product with an empty inner dimension, as the definition
     * computes it (in double, rounded once); {@code beta = 0} ignores c's old contents.
     */
    private static void scaleEmpty(VectorTensor c, double alpha, double beta) {
        for (int i = 0; i < c.length(); i++) {
            double old = beta == 0 ? 0 : beta * (c.d != null ? c.d[i] : c.f[i]);
            double v = alpha * 0.0 + old;
            if (c.d != null) {
                c.d[i] = v;
            } else {
                c.f[i] = (float) v;
            }
        }
    }

    @Override
    public void addRowVector(Tensor row, Tensor m) {
        VectorTensor r = own("addRowVector", "row", row);
        VectorTensor t = own("addRowVector", "m", m);
        if (r.rows != 1 || r.cols != t.cols) {
            throw new IllegalArgumentException("addRowVector: row is " + r.shape() + " but m is " + t.shape()
                    + "; the row must be 1x" + t.cols);
        }
        if (r.precision != t.precision) {
            VectorTensor wide = widened(t);
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
        VectorTensor t = own("sumRows", "m", m);
        VectorTensor o = own("sumRows", "out", out);
        if (o.rows != 1 || o.cols != t.cols) {
            throw new IllegalArgumentException("sumRows: m is " + t.shape() + " but out is " + o.shape()
                    + "; out must be 1x" + t.cols);
        }
        double[] sums = scratch.get().row(t.cols);
        if (t.d != null) {
            Kernels.columnSums(t.d, t.cols, sums);
        } else {
            Kernels.columnSums(t.f, t.cols, sums, scratch.get().floats(t.cols));
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
        VectorTensor X = own("axpby", "x", x);
        VectorTensor Y = own("axpby", "y", y);
        sameShape("axpby", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            VectorTensor wide = widened(Y);
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
        VectorTensor X = own("addScaledSquare", "x", x);
        VectorTensor Y = own("addScaledSquare", "y", y);
        sameShape("addScaledSquare", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            VectorTensor wide = widened(Y);
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
        VectorTensor N = own("addScaledRatio", "num", num);
        VectorTensor D = own("addScaledRatio", "den", den);
        VectorTensor Y = own("addScaledRatio", "y", y);
        sameShape("addScaledRatio", "num", N, "y", Y);
        sameShape("addScaledRatio", "den", D, "y", Y);
        if (N.precision != Y.precision || D.precision != Y.precision) {
            VectorTensor wide = widened(Y);
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
        VectorTensor X = own("multiply", "x", x);
        VectorTensor Y = own("multiply", "y", y);
        sameShape("multiply", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            VectorTensor wide = widened(Y);
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
        VectorTensor Y = own("clamp", "y", y);
        if (Y.d != null) {
            Kernels.clamp(lo, hi, Y.d);
        } else {
            Kernels.clamp(lo, hi, Y.f);
        }
    }

    @Override
    public void activate(ActivationFunction f, Tensor z, Tensor a) {
        VectorTensor Z = own("activate", "z", z);
        VectorTensor A = own("activate", "a", a);
        sameShape("activate", "z", Z, "a", A);
        if (Z.precision != A.precision) {
            VectorTensor wide = widened(A);
            activate(f, widened(Z), wide);
            narrowInto(wide, A);
        } else if (A.d != null) {
            if (!Kernels.activate(f, Z.d, A.d)) {
                ScalarKernels.activate(f, Z.d, A.d);
            }
        } else if (!Kernels.activate(f, Z.f, A.f)) {
            ScalarKernels.activate(f, Z.f, A.f);
        }
    }

    @Override
    public void activateBackward(ActivationFunction f, Tensor z, Tensor a, Tensor gradA, Tensor gradZ) {
        VectorTensor Z = own("activateBackward", "z", z);
        VectorTensor A = own("activateBackward", "a", a);
        VectorTensor GA = own("activateBackward", "gradA", gradA);
        VectorTensor GZ = own("activateBackward", "gradZ", gradZ);
        sameShape("activateBackward", "z", Z, "gradZ", GZ);
        sameShape("activateBackward", "a", A, "gradZ", GZ);
        sameShape("activateBackward", "gradA", GA, "gradZ", GZ);
        Precision p = GZ.precision;
        if (Z.precision != p || A.precision != p || GA.precision != p) {
            VectorTensor wide = widened(GZ);
            activateBackward(f, widened(Z), widened(A), GA == GZ ? wide : widened(GA), wide);
            narrowInto(wide, GZ);
        } else if (p == Precision.FLOAT64) {
            if (!Kernels.activateBackward(f, Z.d, A.d, GA.d, GZ.d)) {
                ScalarKernels.activateBackward(f, Z.d, A.d, GA.d, GZ.d);
            }
        } else if (!Kernels.activateBackward(f, Z.f, A.f, GA.f, GZ.f)) {
            ScalarKernels.activateBackward(f, Z.f, A.f, GA.f, GZ.f);
        }
    }

    @Override
    public void softmaxRows(Tensor logits, Tensor probs) {
        VectorTensor X = own("softmaxRows", "logits", logits);
        VectorTensor P = own("softmaxRows", "probs", probs);
        sameShape("softmaxRows", "logits", X, "probs", P);
        if (X.precision != P.precision) {
            VectorTensor wide = widened(P);
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
        VectorTensor P = own("crossEntropy", "probs", probs);
        VectorTensor T = own("crossEntropy", "targets", targets);
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
        VectorTensor A = own("squaredDistance", "a", a);
        VectorTensor B = own("squaredDistance", "b", b);
        sameShape("squaredDistance", "a", A, "b", B);
        if (A.precision != B.precision) {
            return Kernels.squaredDistance(widened(A).d, widened(B).d, scratch.get().row(Kernels.DL));
        }
        return A.d != null ? Kernels.squaredDistance(A.d, B.d, scratch.get().row(Kernels.DL))
                : Kernels.squaredDistance(A.f, B.f, scratch.get().floats(Kernels.FL));
    }

    @Override
    public void argmaxRows(Tensor t, int[] out) {
        VectorTensor T = own("argmaxRows", "t", t);
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
        VectorTensor T = own("stats", "t", t);
        return T.d != null ? Kernels.stats(T.d, scratch.get().row(Kernels.DL))
                : Kernels.stats(T.f, scratch.get().floats(Kernels.FL));
    }

    @Override
    public void addScaledSign(double a, Tensor x, Tensor y) {
        VectorTensor X = own("addScaledSign", "x", x);
        VectorTensor Y = own("addScaledSign", "y", y);
        sameShape("addScaledSign", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            VectorTensor wide = widened(Y);
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
        VectorTensor X = own("sumAbs", "x", x);
        return X.d != null ? Kernels.sumAbs(X.d, scratch.get().row(Kernels.DL))
                : Kernels.sumAbs(X.f, scratch.get().floats(Kernels.FL));
    }

    @Override
    public void maximum(Tensor x, Tensor y) {
        VectorTensor X = own("maximum", "x", x);
        VectorTensor Y = own("maximum", "y", y);
        sameShape("maximum", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            VectorTensor wide = widened(Y);
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
        VectorTensor X = own("sqrt", "x", x);
        VectorTensor Y = own("sqrt", "y", y);
        sameShape("sqrt", "x", X, "y", Y);
        if (X.precision != Y.precision) {
            VectorTensor wide = widened(Y);
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
        VectorTensor M = own("capRowNorms", "m", m);
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
        VectorTensor M = own("dropoutMask", "mask", mask);
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
        VectorTensor X = own(op, "x", x);
        VectorTensor M = own(op, "mean", mean);
        VectorTensor V = own(op, "var", var);
        VectorTensor H = own(op, "xhat", xhat);
        sameShape(op, "x", X, "xhat", H);
        statShape(op, axis, "mean", M, "x", X);
        statShape(op, axis, "var", V, "x", X);
        Precision p = X.precision;
        if (M.precision != p || V.precision != p || H.precision != p) {
            VectorTensor wm = widened(M);
            VectorTensor wv = widened(V);
            VectorTensor wh = widened(H);
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
        VectorTensor X = own(op, "x", x);
        VectorTensor M = own(op, "mean", mean);
        VectorTensor V = own(op, "var", var);
        VectorTensor H = own(op, "xhat", xhat);
        sameShape(op, "x", X, "xhat", H);
        rowShape(op, "mean", M, "x", X);
        rowShape(op, "var", V, "x", X);
        Precision p = H.precision;
        if (X.precision != p || M.precision != p || V.precision != p) {
            VectorTensor wh = widened(H);
            normalizeWith(widened(X), widened(M), widened(V), eps, wh);
            narrowInto(wh, H);
        } else if (p == Precision.FLOAT64) {
            Kernels.normalizeWith(X.d, X.cols, M.d, V.d, eps, H.d, scratch.get().row(X.cols));
        } else {
            Kernels.normalizeWith(X.f, X.cols, M.f, V.f, eps, H.f, scratch.get().floats(X.cols));
        }
    }

    @Override
    public void normalizeBackward(NormAxis axis, Tensor gradXhat, Tensor xhat, Tensor var, double eps, Tensor gradX) {
        String op = "normalizeBackward";
        boolean batch = batch(op, axis);
        VectorTensor G = own(op, "gradXhat", gradXhat);
        VectorTensor H = own(op, "xhat", xhat);
        VectorTensor V = own(op, "var", var);
        VectorTensor GX = own(op, "gradX", gradX);
        sameShape(op, "gradXhat", G, "gradX", GX);
        sameShape(op, "xhat", H, "gradX", GX);
        statShape(op, axis, "var", V, "gradX", GX);
        Precision p = GX.precision;
        if (G.precision != p || H.precision != p || V.precision != p) {
            VectorTensor wide = widened(GX);
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
        VectorTensor H = own(op, "xhat", xhat);
        VectorTensor Ga = own(op, "gamma", gamma);
        VectorTensor Be = own(op, "beta", beta);
        VectorTensor Y = own(op, "y", y);
        sameShape(op, "xhat", H, "y", Y);
        rowShape(op, "gamma", Ga, "xhat", H);
        rowShape(op, "beta", Be, "xhat", H);
        Precision p = Y.precision;
        if (H.precision != p || Ga.precision != p || Be.precision != p) {
            VectorTensor wide = widened(Y);
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
        VectorTensor G = own(op, "gradY", gradY);
        VectorTensor H = own(op, "xhat", xhat);
        VectorTensor Ga = own(op, "gamma", gamma);
        VectorTensor GG = own(op, "gradGamma", gradGamma);
        VectorTensor GB = own(op, "gradBeta", gradBeta);
        VectorTensor GH = own(op, "gradXhat", gradXhat);
        sameShape(op, "gradY", G, "gradXhat", GH);
        sameShape(op, "xhat", H, "gradXhat", GH);
        rowShape(op, "gamma", Ga, "gradY", G);
        rowShape(op, "gradGamma", GG, "gradY", G);
        rowShape(op, "gradBeta", GB, "gradY", G);
        Precision p = G.precision;
        if (H.precision != p || Ga.precision != p || GG.precision != p || GB.precision != p || GH.precision != p) {
            VectorTensor wg = widened(GG);
            VectorTensor wb = widened(GB);
            VectorTensor wh = widened(GH);
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
        VectorTensor X = own(op, "x", x);
        VectorTensor S = own(op, "slope", slope);
        VectorTensor Y = own(op, "y", y);
        sameShape(op, "x", X, "y", Y);
        rowShape(op, "slope", S, "x", X);
        Precision p = Y.precision;
        if (X.precision != p || S.precision != p) {
            VectorTensor wide = widened(Y);
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
        VectorTensor G = own(op, "gradY", gradY);
        VectorTensor X = own(op, "x", x);
        VectorTensor S = own(op, "slope", slope);
        VectorTensor GS = own(op, "gradSlope", gradSlope);
        VectorTensor GX = own(op, "gradX", gradX);
        sameShape(op, "gradY", G, "gradX", GX);
        sameShape(op, "x", X, "gradX", GX);
        rowShape(op, "slope", S, "x", X);
        rowShape(op, "gradSlope", GS, "x", X);
        Precision p = G.precision;
        if (X.precision != p || S.precision != p || GS.precision != p || GX.precision != p) {
            VectorTensor ws = widened(GS);
            VectorTensor wx = widened(GX);
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
        return "vector backend";
    }

    // ----- checks and precision conversion

    private VectorTensor own(String op, String role, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + role + " is null");
        }
        if (t instanceof VectorTensor && ((VectorTensor) t).owner == this) {
            VectorTensor o = (VectorTensor) t;
            if (o.isClosed()) {
                throw new IllegalStateException(op + ": " + role + " (" + o.shape() + ") was closed and may not be used");
            }
            return o;
        }
        String owner = t instanceof VectorTensor ? "another vector backend instance (was the bundle restarted?)"
                : t.backend() == null ? "no backend" : "the backend " + t.backend().getClass().getName();
        throw new IllegalArgumentException(op + ": " + role + " (" + t.rows() + "x" + t.cols() + " " + t.precision()
                + ") belongs to " + owner + ", not to this vector backend; allocate tensors with the backend that"
                + " computes on them, or move the values through download and upload");
    }

    /** {@code t} itself if FLOAT64, else a FLOAT64 copy (exact). */
    private VectorTensor widened(VectorTensor t) {
        if (t.d != null) {
            return t;
        }
        VectorTensor w = new VectorTensor(this, t.rows, t.cols, Precision.FLOAT64);
        for (int i = 0; i < t.f.length; i++) {
            w.d[i] = t.f[i];
        }
        return w;
    }

    /** Rounds the FLOAT64 result {@code wide} into {@code t}, unless it is {@code t}. */
    private static void narrowInto(VectorTensor wide, VectorTensor t) {
        if (wide != t) {
            for (int i = 0; i < t.f.length; i++) {
                t.f[i] = (float) wide.d[i];
            }
        }
    }
}

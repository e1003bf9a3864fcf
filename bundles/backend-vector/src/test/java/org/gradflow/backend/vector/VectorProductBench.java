package org.gradflow.backend.vector;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.gradflow.backend.ojalgo.OjAlgoBackend;
import org.gradflow.testkit.ReferenceBackend;
import org.ojalgo.matrix.operation.MultiplyLeft;
import org.ojalgo.matrix.operation.MultiplyNeither;

/**
 * A few seconds of timing with {@link System#nanoTime()}, not a test (nothing is asserted). Two modes:
 *
 * <ul>
 * <li>default: GFLOP/s ({@code 2mnk} per product) of {@code c = a b}, {@code 128x784 * 784x512}, called
 * through {@link ComputeBackend#matmul} on one thread, for this backend, the ojalgo backend (its product
 * threads limited to one) and the test kit's {@link ReferenceBackend}, float and double; plus the vector
 * backend on the other MLP 784-512-512-10 product shapes.
 * <li>{@code crossover}: milliseconds per product on 1 and on 2 threads for growing square sizes and
 * the MLP shapes, to place {@link Gemm#PARALLEL_MIN_FLOPS}.
 * <li>{@code alloc [threads=2]}: bytes allocated per call once warm (products, element-wise operations),
 * from {@code com.sun.management.ThreadMXBean}; with {@code threads=2} the product is split (the
 * calling thread's allocation is counted, the pool's too).
 * </ul>
 * After {@code mvn -o install} in this module:
 *
 * <pre>
 * R=~/.m2/repository/org/gradflow; V=0.1.0-SNAPSHOT
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:$R/api/$V/api-$V.jar:$R/testkit/$V/testkit-$V.jar:$R/backend-ojalgo/$V/backend-ojalgo-$V.jar:$R/ojalgo-bundle/$V/ojalgo-bundle-$V.jar \
 *     org.gradflow.backend.vector.VectorProductBench [crossover]
 * </pre>
 */
public final class VectorProductBench {
    private VectorProductBench() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("crossover")) {
            crossover();
            return;
        }
        if (Arrays.asList(args).contains("alloc")) {
            allocation(Arrays.asList(args).contains("threads=2") ? 2 : 1);
            return;
        }
        MultiplyNeither.PARALLELISM = () -> 1;
        MultiplyLeft.PARALLELISM = () -> 1;
        VectorBackend vector = new VectorBackend(1, Long.MAX_VALUE);
        ComputeBackend ojalgo = new OjAlgoBackend();
        ComputeBackend reference = new ReferenceBackend();
        System.out.println("128x784 * 784x512, c = a b, one thread, GFLOP/s (2mnk per product)");
        for (Precision p : new Precision[] {Precision.FLOAT32, Precision.FLOAT64}) {
            System.out.printf(Locale.ROOT, "%-8s vector %6.2f   ojalgo %6.2f   reference %6.2f%n", p,
                    gflops(vector, p, 128, 784, 512, false, false, 40, 30),
                    gflops(ojalgo, p, 128, 784, 512, false, false, 8, 6),
                    gflops(reference, p, 128, 784, 512, false, false, 0, 1));
        }
        int[][] shapes = {{128, 784, 512, 0, 1}, {512, 128, 784, 1, 0}, {128, 512, 784, 0, 0}, {128, 512, 10, 0, 1},
            {10, 128, 512, 1, 0}, {128, 10, 512, 0, 0}};
        System.out.println("vector backend, one thread, the MLP 784-512-512-10 product forms, GFLOP/s");
        for (int[] s : shapes) {
            String name = s[0] + "x" + s[1] + (s[3] == 1 ? "^T" : "") + " * " + s[1] + "x" + s[2] + (s[4] == 1 ? "^T" : "");
            System.out.printf(Locale.ROOT, "%-22s float %6.2f  double %6.2f%n", name,
                    gflops(vector, Precision.FLOAT32, s[0], s[1], s[2], s[3] == 1, s[4] == 1, 40, 30),
                    gflops(vector, Precision.FLOAT64, s[0], s[1], s[2], s[3] == 1, s[4] == 1, 40, 30));
        }
        vector.deactivate();
    }

    private static void crossover() {
        VectorBackend one = new VectorBackend(1, Long.MAX_VALUE);
        VectorBackend two = new VectorBackend(2, 0);
        System.out.println("float, ms per product (median of 5 batches), 1 thread vs 2 threads split everywhere");
        int[][] shapes = {{32, 32, 32}, {64, 64, 64}, {96, 96, 96}, {128, 128, 128}, {160, 160, 160}, {192, 192, 192},
            {256, 256, 256}, {128, 512, 10}, {128, 784, 512}};
        for (int[] s : shapes) {
            double flops = 2.0 * s[0] * s[1] * s[2];
            double t1 = millis(one, Precision.FLOAT32, s[0], s[1], s[2]);
            double t2 = millis(two, Precision.FLOAT32, s[0], s[1], s[2]);
            System.out.printf(Locale.ROOT, "%4dx%4dx%4d  %9.0f flops (2^%4.1f)  1 thread %8.4f ms  2 threads %8.4f ms  x%.2f%n",
                    s[0], s[1], s[2], flops, Math.log(flops) / Math.log(2), t1, t2, t1 / t2);
        }
        one.deactivate();
        two.deactivate();
    }

    private static void allocation(int threads) {
        VectorBackend be = new VectorBackend(threads, threads == 1 ? Long.MAX_VALUE : 0);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        for (Precision p : new Precision[] {Precision.FLOAT32, Precision.FLOAT64}) {
            Tensor a = random(be, p, 128, 784);
            Tensor w = random(be, p, 512, 784);
            Tensor z = be.allocate(128, 512, p);
            Tensor g = random(be, p, 128, 512);
            Tensor row = be.allocate(1, 512, p);
            Runnable step = () -> {
                be.matmul(a, false, w, true, 1, 0, z);
                be.matmul(g, true, a, false, 1, 1, w);
                be.addRowVector(row, z);
                be.sumRows(g, 0, row);
                be.axpby(0.1, g, 0.9, z);
                be.addScaledRatio(-0.01, g, z, 1e-8, g);
            };
            for (int i = 0; i < 300; i++) {
                step.run();
            }
            int calls = 200;
            long before = allocated(mx);
            for (int i = 0; i < calls; i++) {
                step.run();
            }
            long bytes = allocated(mx) - before;
            System.out.printf(Locale.ROOT, "%s, %d thread(s): %.1f bytes allocated per step (2 products, 4 element-wise ops)%n",
                    p, threads, (double) bytes / calls);
        }
        be.deactivate();
    }

    /** Bytes allocated so far by all live threads (this one and the product pool). */
    private static long allocated(com.sun.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            sum += Math.max(0, mx.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    /** Median ms per product over 5 batches, each about 40 ms of products after a warm-up. */
    private static double millis(ComputeBackend be, Precision p, int m, int k, int n) {
        Tensor a = random(be, p, m, k);
        Tensor b = random(be, p, k, n);
        Tensor c = be.allocate(m, n, p);
        int reps = (int) Math.max(1, 4e8 / (2.0 * m * n * k)) / 10 + 1;
        for (int i = 0; i < 20 * reps; i++) {
            be.matmul(a, false, b, false, 1, 0, c);
        }
        double[] batch = new double[5];
        for (int r = 0; r < batch.length; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                be.matmul(a, false, b, false, 1, 0, c);
            }
            batch[r] = (System.nanoTime() - t0) / 1e6 / reps;
        }
        Arrays.sort(batch);
        return batch[2];
    }

    private static double gflops(ComputeBackend be, Precision p, int m, int k, int n, boolean ta, boolean tb, int warmup,
            int runs) {
        Tensor a = ta ? random(be, p, k, m) : random(be, p, m, k);
        Tensor b = tb ? random(be, p, n, k) : random(be, p, k, n);
        Tensor c = be.allocate(m, n, p);
        for (int i = 0; i < warmup; i++) {
            be.matmul(a, ta, b, tb, 1, 0, c);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            be.matmul(a, ta, b, tb, 1, 0, c);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return 2.0 * m * n * k / best;
    }

    private static Tensor random(ComputeBackend be, Precision p, int rows, int cols) {
        Random random = new Random(rows * 31L + cols);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        Tensor t = be.allocate(rows, cols, p);
        be.upload(v, 0, t);
        return t;
    }
}

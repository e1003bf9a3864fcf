package org.gradflow.backend.ojalgo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.ojalgo.matrix.operation.MultiplyLeft;
import org.ojalgo.matrix.operation.MultiplyNeither;

/**
 * Throughput of the ojalgo backend's matrix products on the shapes of an MLP 784-512-512-10 at batch
 * 128, as the core's dense layer calls them ({@code W} is {@code [out, in]}): forward
 * {@code z = x W^T} (NT), backward {@code dW += gz^T x} (TN, beta 1) and {@code dx = gz W} (NN), plus
 * the plain NN products {@code 128x784 * 784x512} and {@code 128x512 * 512x512}. For each it prints
 * GFLOP/s ({@code 2mnk} per product) of the chosen kernel and of both ojAlgo kernels forced, so the
 * choice in {@link Gemm} can be re-checked on other hardware. Not a test; after {@code mvn -o install}
 * in this module run it with
 *
 * <pre>
 * R=~/.m2/repository/org/gradflow
 * java -cp target/classes:target/test-classes:$R/api/0.1.0-SNAPSHOT/api-0.1.0-SNAPSHOT.jar:$R/ojalgo-bundle/0.1.0-SNAPSHOT/ojalgo-bundle-0.1.0-SNAPSHOT.jar \
 *     org.gradflow.backend.ojalgo.OjAlgoProductBench [threads=1] [float|double]
 * </pre>
 *
 * {@code threads=1} limits ojAlgo's product kernels to one thread (a global ojAlgo setting);
 * {@code float} or {@code double} runs one precision only.
 */
public final class OjAlgoProductBench {
    private static final int WARMUP = 30;
    private static final int RUNS = 15;

    private OjAlgoProductBench() {
    }

    /** One product: {@code c [m, n] = alpha op(a) op(b) + beta c}. */
    private record Case(String name, int m, int k, int n, boolean ta, boolean tb, double beta) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    private static final Case[] CASES = {
        new Case("128x784 * 784x512      NN", 128, 784, 512, false, false, 0),
        new Case("128x512 * 512x512      NN", 128, 512, 512, false, false, 0),
        new Case("fc1 fwd x W^T           NT", 128, 784, 512, false, true, 0),
        new Case("fc1 bwd dW += gz^T x    TN", 512, 128, 784, true, false, 1),
        new Case("fc2 fwd x W^T           NT", 128, 512, 512, false, true, 0),
        new Case("fc2 bwd dW += gz^T x    TN", 512, 128, 512, true, false, 1),
        new Case("fc2 bwd dx = gz W       NN", 128, 512, 512, false, false, 0),
        new Case("fc3 fwd x W^T           NT", 128, 512, 10, false, true, 0),
        new Case("fc3 bwd dW += gz^T x    TN", 10, 128, 512, true, false, 1),
        new Case("fc3 bwd dx = gz W       NN", 128, 10, 512, false, false, 0),
    };

    public static void main(String[] args) {
        boolean single = Arrays.asList(args).contains("threads=1");
        boolean onlyFloat = Arrays.asList(args).contains("float");
        boolean onlyDouble = Arrays.asList(args).contains("double");
        if (single) {
            MultiplyNeither.PARALLELISM = () -> 1;
            MultiplyLeft.PARALLELISM = () -> 1;
        }
        System.out.printf(Locale.ROOT, "ojalgo backend products, %s, %d cores, ojAlgo threads: %s%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), single ? "1" : "default (all cores)");
        for (Precision p : new Precision[] {Precision.FLOAT64, Precision.FLOAT32}) {
            if ((onlyFloat && p != Precision.FLOAT32) || (onlyDouble && p != Precision.FLOAT64)) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%n%s%n%-28s %7s %7s %7s %7s   %s%n", p, "shape (m x k * k x n)", "GFLOP/s",
                    "ms", "axpy", "dot", "kernel chosen");
            for (Case c : CASES) {
                double auto = gflops(new OjAlgoBackend(Gemm.Kernel.AUTO), p, c);
                double axpy = gflops(new OjAlgoBackend(Gemm.Kernel.AXPY), p, c);
                double dot = gflops(new OjAlgoBackend(Gemm.Kernel.DOT), p, c);
                System.out.printf(Locale.ROOT, "%-28s %7.2f %7.2f %7.2f %7.2f   %s%n", c.name, auto,
                        c.flops() / auto / 1e6, axpy, dot, Gemm.choose(c.m, c.k, c.n));
            }
        }
    }

    /**
     * GFLOP/s of the fastest of at least {@link #RUNS} timed products (and at least 0.4 s of them), after
     * at least {@link #WARMUP} warm-up products and 0.4 s. The best run rather than the median, because
     * on a shared machine the slow runs measure the neighbours.
     */
    private static double gflops(ComputeBackend be, Precision p, Case c) {
        Random r = new Random(1);
        Tensor a = be.allocate(c.ta ? c.k : c.m, c.ta ? c.m : c.k, p);
        Tensor b = be.allocate(c.tb ? c.n : c.k, c.tb ? c.k : c.n, p);
        Tensor out = be.allocate(c.m, c.n, p);
        be.upload(r.doubles(a.size(), -1, 1).toArray(), 0, a);
        be.upload(r.doubles(b.size(), -1, 1).toArray(), 0, b);
        long start = System.nanoTime();
        for (int i = 0; i < WARMUP || System.nanoTime() - start < 400_000_000L; i++) {
            be.matmul(a, c.ta, b, c.tb, 1, c.beta, out);
        }
        long best = Long.MAX_VALUE;
        start = System.nanoTime();
        for (int i = 0; i < RUNS || System.nanoTime() - start < 400_000_000L; i++) {
            if (c.beta != 0) {
                be.fill(out, 0); // keep accumulated gradients from growing; not timed
            }
            long t0 = System.nanoTime();
            be.matmul(a, c.ta, b, c.tb, 1, c.beta, out);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return c.flops() / best;
    }
}

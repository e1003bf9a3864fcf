package org.gradflow.backend.vector;

import static org.gradflow.backend.vector.GemmShapesTest.download;
import static org.gradflow.backend.vector.GemmShapesTest.upload;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
import org.junit.After;
import org.junit.Test;

/**
 * Split products are <em>bit for bit</em> the single-threaded ones: every element of c gets the same
 * operations in the same order whichever part computes it (see {@link FloatGemm}), so the comparison is
 * exact, not within a tolerance. Also: which products are split, concurrent callers sharing one pool,
 * and products after the pool is shut down.
 */
public class GemmThreadingTest {
    private final VectorBackend single = new VectorBackend(1, Long.MAX_VALUE);
    private final List<VectorBackend> threaded = new ArrayList<>();
    private final Random random = new Random(99);

    /** {m, k, n}: split by columns, by rows, thin both ways, several K blocks, uneven tiles. */
    private static final int[][] SHAPES = {
        {64, 300, 200}, {128, 784, 64}, {10, 128, 512}, {517, 33, 9}, {1, 50, 1000}, {1000, 50, 1}, {37, 600, 41},
    };

    @After
    public void stopThreads() {
        threaded.forEach(VectorBackend::deactivate);
    }

    private VectorBackend threaded(int threads) {
        VectorBackend be = new VectorBackend(threads, 0);
        threaded.add(be);
        return be;
    }

    @Test
    public void splitProductsAreBitIdenticalToTheSingleThreadedOnes() {
        for (int threads : new int[] {2, 3, 5}) {
            VectorBackend be = threaded(threads);
            for (Precision p : Precision.values()) {
                for (int[] s : SHAPES) {
                    for (int t = 0; t < 4; t++) {
                        for (double beta : new double[] {0, 0.5}) {
                            compare(be, p, s[0], s[1], s[2], (t & 2) != 0, (t & 1) != 0, beta,
                                    threads + " threads " + p + " " + s[0] + "x" + s[1] + "x" + s[2] + " form " + t + " beta " + beta);
                        }
                    }
                }
            }
        }
    }

    @Test
    public void concurrentCallersShareThePoolAndStillGetExactResults() throws Exception {
        VectorBackend be = threaded(2);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int caller = 0; caller < 3; caller++) {
                Precision p = caller % 2 == 0 ? Precision.FLOAT32 : Precision.FLOAT64;
                int[] s = SHAPES[caller];
                Callable<Void> work = () -> {
                    for (int rep = 0; rep < 5; rep++) {
                        compare(be, p, s[0], s[1], s[2], rep % 2 == 0, rep % 3 == 0, 1, "concurrent " + p);
                    }
                    return null;
                };
                done.add(callers.submit(work));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            callers.shutdown();
        }
    }

    @Test
    public void afterDeactivationProductsRunOnTheCaller() {
        VectorBackend be = threaded(3);
        be.deactivate();
        compare(be, Precision.FLOAT32, 64, 300, 200, false, true, 0, "after deactivation");
    }

    /** The production cross-over: small products stay on the caller, large ones use every thread. */
    @Test
    public void onlyProductsPastTheCrossOverAreSplit() {
        Gemm gemm = new Gemm(2, Gemm.PARALLEL_MIN_FLOPS);
        try {
            assertEquals("32x32x32 (2^16 flops)", 1, gemm.parts(32, 32, 32, true));
            assertEquals("96x96x96 (2^20.8 flops, break-even)", 1, gemm.parts(96, 96, 96, true));
            assertEquals("128x128x128 (2^22 flops)", 2, gemm.parts(128, 128, 128, true));
            assertEquals("128x784x512", 2, gemm.parts(128, 784, 512, false));
            assertEquals("a product with one micro-tile is never split", 1,
                    new Gemm(4, 0).parts(FloatGemm.MR, 5000, FloatGemm.NR, true));
            assertTrue("128x784x512 is split by columns (n > m)", Gemm.byColumns(128, 512, 2, true));
            assertFalse("512x128x10 is split by rows", Gemm.byColumns(512, 10, 2, true));
            assertEquals("one thread never splits", 1, new Gemm(1, 0).parts(1000, 1000, 1000, true));
        } finally {
            gemm.close();
        }
    }

    private void compare(VectorBackend be, Precision p, int m, int k, int n, boolean ta, boolean tb, double beta,
            String what) {
        double[] av = gaussian(m * k), bv = gaussian(k * n), cv = gaussian(m * n);
        double[] expected = product(single, p, m, k, n, ta, tb, beta, av, bv, cv);
        double[] got = product(be, p, m, k, n, ta, tb, beta, av, bv, cv);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(got[i])) {
                fail(what + ": element " + i + " is " + got[i] + " split but " + expected[i] + " on one thread");
            }
        }
    }

    private static double[] product(VectorBackend be, Precision p, int m, int k, int n, boolean ta, boolean tb,
            double beta, double[] av, double[] bv, double[] cv) {
        Tensor a = upload(be, p, ta ? k : m, ta ? m : k, av);
        Tensor b = upload(be, p, tb ? n : k, tb ? k : n, bv);
        Tensor c = upload(be, p, m, n, cv);
        be.matmul(a, ta, b, tb, 0.75, beta, c);
        return download(be, c);
    }

    private synchronized double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }
}

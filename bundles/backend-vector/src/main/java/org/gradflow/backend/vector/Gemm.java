package org.gradflow.backend.vector;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Matrix products {@code c = alpha op(a) op(b) + beta c} for row-major tensors of one precision
 * ({@link FloatGemm}, {@link DoubleGemm}), optionally split over a small pool of threads.
 *
 * <h2>Blocking</h2>
 * The Goto/BLIS scheme, five loops around a register-blocked micro-kernel:
 * <pre>
 * for jc in columns of c, step NC            B panel  op(b)[pc.., jc..]  KC x NC   (L3)
 *   for pc in depth k, step kc (<= KC)       packed once per (jc, pc) into NR-column slivers
 *     for ic in rows of c, step MC           A block  op(a)[ic.., pc..]  MC x KC   (L2)
 *                                            packed into MR-row slivers
 *       for jr in the panel, step NR         B sliver KC x NR, reused by every A sliver (L1)
 *         for ir in the block, step MR       micro-kernel: MR x NR tile of c in 12 vector registers,
 *                                            kc fused multiply-adds per register
 * </pre>
 * With AVX2 (8 floats, 4 doubles per vector) the tile is 4 x 24 floats or 4 x 12 doubles: 12
 * accumulators, 3 B vectors and one broadcast fill the 16 registers, and each depth step does 12 FMAs
 * for 7 loads, enough to keep both FMA ports busy (12 independent chains cover the FMA latency of about
 * 5 cycles on 2 ports). Packing makes every operand read by the micro-kernel contiguous whatever the
 * transposes are (all four forms run the same kernel; only the packing loops differ) and pads partial
 * slivers with zeros, so the edges of the product run the same kernel too. {@code KC = 256} keeps a B
 * sliver (24 KiB) in the 32 KiB L1 data cache while A streams from L2; the depth is split into equal
 * blocks ({@link #blockDepth}) so that {@code k = 784} is 4 blocks of 196, not 3 of 256 and one of 16.
 * {@code MC = 128} rows of A (128 KiB float, 256 KiB double) fit the 512 KiB L2 and cover a whole batch of
 * 128; {@code NC = 64 NR} columns (1.5 MiB) bound the packed B panel. With AVX-512 the same code has 16
 * float lanes (4 x 48 tiles) and 32 registers to spare.
 *
 * <p>Measured on this project's 2-core AVX2 machine (Zen 2 class), one thread, {@code 128x784 * 784x512}
 * through {@code matmul}, while another benchmark was running (two runs, {@code VectorProductBench}):
 * float 23 to 27 GFLOP/s, double 13; the ojalgo backend 4.1 to 4.3 and 3.7; the test kit's
 * {@code ReferenceBackend} 0.24. On an idle Xeon forced to AVX2 ({@code -XX:UseAVX=2}): float 35, double
 * 18; with AVX-512 there: float 65, double 33. Thin products are slower (the 10-class layer: 5 to 17
 * GFLOP/s), as most of a 24-wide tile is padding.
 *
 * <p>JDK 17's C2 does not always keep vectors in registers: a vector assigned in one branch and used after
 * the merge was boxed (an object per vector: about 900 bytes per tile in {@code store}), and so was the
 * vector copy that first packed B, in a JVM where the element-wise kernels had run first (the cause was
 * not pinned down; in a fresh JVM it was not boxed). So {@code store} has one straight loop per case, and
 * B is packed with {@code System.arraycopy}. {@code VectorProductBench alloc} checks the result.
 *
 * <h2>Threads</h2>
 * A product of at least {@link #PARALLEL_MIN_FLOPS} flops ({@code 2mnk}) is split into {@code threads}
 * parts along the columns of c (each part packs its own B panel and all of A) or, when c has more rows
 * than columns, along its rows; the caller computes one part and waits for the pool to compute the
 * others. Each part has its own packing memory, so parts share nothing but c's disjoint blocks.
 * Because every element's operations do not depend on the part that computes it (see
 * {@link FloatGemm}), the threaded product is bit for bit the single-threaded one.
 *
 * <p>Steady state: the packing buffers are per thread ({@link ThreadLocal}) and reused, and a product on
 * one thread allocates nothing (measured with {@code VectorProductBench alloc}: 0 bytes per training step
 * of two products and four element-wise operations); a split product allocates its task objects, about
 * 240 bytes.
 */
final class Gemm implements AutoCloseable {
    /**
     * Smallest product ({@code 2mnk} flops) worth splitting. Measured with {@code VectorProductBench
     * crossover} (float, square sizes, 1 thread against 2), on an idle 16-core Xeon forced to AVX2
     * ({@code -XX:UseAVX=2}), because the 2-core development machine was busy with another benchmark and
     * a second thread timed there would have measured that. Two runs, 2 threads against 1: 32^3 (2^16
     * flops) 3 to 4 times slower (handing a part to a pool thread and waiting
     * costs about 15 to 20 microseconds); 64^3 (2^19) 1.6 times slower; 96^3 (2^20.8) 1.05 to 1.15 times
     * faster, the break-even; 128^3 (2^22) 1.7 to 1.8 times faster; 128x784x512 1.8 to 2.2 times.
     * The cross-over is the first size with a clear gain in both runs, a factor 2 past break-even: on a
     * 2-core machine the second core is often busy (garbage collection, another run), and the products
     * this leaves on one thread take under 0.2 ms.
     */
    static final long PARALLEL_MIN_FLOPS = 1L << 22;

    private final int threads;
    private final long parallelMinFlops;
    private final ThreadPoolExecutor pool;
    private final ThreadLocal<FloatGemm.Buffers> floats = ThreadLocal.withInitial(FloatGemm.Buffers::new);
    private final ThreadLocal<DoubleGemm.Buffers> doubles = ThreadLocal.withInitial(DoubleGemm.Buffers::new);

    /**
     * @param threads          threads a large product is split over, the caller included (1: never split)
     * @param parallelMinFlops smallest product split ({@link #PARALLEL_MIN_FLOPS}; tests use 0)
     */
    Gemm(int threads, long parallelMinFlops) {
        this.threads = threads;
        this.parallelMinFlops = parallelMinFlops;
        if (threads > 1) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "gradflow-vector-gemm-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    factory);
        } else {
            pool = null;
        }
    }

    int threads() {
        return threads;
    }

    /** Stops the pool's threads; products still running finish, later ones run on the caller alone. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** The depth of each K block: {@code k} split into {@code ceil(k / max)} nearly equal blocks. */
    static int blockDepth(int k, int max) {
        int blocks = (k + max - 1) / max;
        return (k + blocks - 1) / blocks;
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c}, all three the same precision, {@code m, k, n > 0}; with
     * {@code beta = 0} c's old contents are ignored.
     */
    void product(VectorTensor a, boolean ta, VectorTensor b, boolean tb, int m, int k, int n, double alpha,
            double beta, VectorTensor c) {
        boolean single = c.f != null;
        int parts = parts(m, k, n, single);
        boolean byColumns = byColumns(m, n, parts, single);
        if (parts == 1) {
            part(a, ta, b, tb, m, k, n, alpha, beta, c, byColumns, 1, 0); // no lambda: nothing allocated
        } else {
            runParts(q -> part(a, ta, b, tb, m, k, n, alpha, beta, c, byColumns, parts, q), parts);
        }
    }

    /** How many parts a product is split into: 1 below the cross-over, else up to {@code threads}, one tile each at least. */
    int parts(int m, int k, int n, boolean single) {
        if (pool == null || 2.0 * m * n * k < parallelMinFlops) {
            return 1;
        }
        return Math.min(threads, Math.max(tiles(m, mr(single)), tiles(n, nr(single))));
    }

    /**
     * Whether the parts are column blocks (else row blocks): the side whose duplicated packing is cheaper
     * (column parts each pack all of A, {@code m x k}; row parts all of B, {@code k x n}), if it has a
     * micro-tile for every part.
     */
    static boolean byColumns(int m, int n, int parts, boolean single) {
        return (n >= m && tiles(n, nr(single)) >= parts) || tiles(m, mr(single)) < parts;
    }

    private static int mr(boolean single) {
        return single ? FloatGemm.MR : DoubleGemm.MR;
    }

    private static int nr(boolean single) {
        return single ? FloatGemm.NR : DoubleGemm.NR;
    }

    private static int tiles(int size, int unit) {
        return (size + unit - 1) / unit;
    }

    /** Part {@code q} of {@code parts}: a range of whole micro-tile columns (or rows) of c. */
    private void part(VectorTensor a, boolean ta, VectorTensor b, boolean tb, int m, int k, int n, double alpha,
            double beta, VectorTensor c, boolean byColumns, int parts, int q) {
        boolean single = c.f != null;
        int unit = byColumns ? nr(single) : mr(single);
        int size = byColumns ? n : m;
        int tiles = tiles(size, unit);
        int from = (int) ((long) tiles * q / parts) * unit;
        int to = Math.min(size, (int) ((long) tiles * (q + 1) / parts) * unit);
        if (from >= to) {
            return;
        }
        int i0 = byColumns ? 0 : from;
        int i1 = byColumns ? m : to;
        int j0 = byColumns ? from : 0;
        int j1 = byColumns ? to : n;
        if (single) {
            FloatGemm.product(a.f, a.cols, ta, b.f, b.cols, tb, k, (float) alpha, (float) beta, beta != 0, c.f, c.cols,
                    i0, i1, j0, j1, floats.get());
        } else {
            DoubleGemm.product(a.d, a.cols, ta, b.d, b.cols, tb, k, alpha, beta, beta != 0, c.d, c.cols, i0, i1, j0, j1,
                    doubles.get());
        }
    }

    /** A part {@code q} of a split product. */
    @FunctionalInterface
    private interface Part {
        void run(int q);
    }

    /** Runs part 0 on the caller and the others on the pool; returns when all are done, rethrowing a failure. */
    private void runParts(Part part, int parts) {
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int q = 1; q < parts; q++) {
            int index = q;
            try {
                futures[q - 1] = pool.submit(() -> part.run(index));
            } catch (RejectedExecutionException closed) {
                // the backend is being deactivated: the caller computes this part below
            }
        }
        Throwable failure = null;
        for (int q = 0; q < parts && failure == null; q++) {
            if (q == 0 || futures[q - 1] == null) {
                try {
                    part.run(q);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            if (f == null) {
                continue;
            }
            while (true) {
                try {
                    f.get(); // every part must finish before c is handed back, even after a failure
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException("matmul: a product thread failed", failure);
        }
    }
}

package org.gradflow.benchmarks.dl4j;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that ND4J runs with the thread count a benchmark reports. libnd4j and OpenBLAS take their
 * thread counts from {@code OMP_NUM_THREADS} when the backend loads; the benchmarks' {@code threads}
 * parameter only labels the results, so a mismatch would label 2-thread numbers as 1-thread ones.
 */
final class Dl4jThreads {
    private Dl4jThreads() {
    }

    /**
     * Prints ND4J's and OpenBLAS's thread counts to stderr and fails when they differ from {@code threads}.
     *
     * @param threads the benchmark's {@code threads} parameter, a positive integer
     */
    static void check(String threads) {
        int expected;
        try {
            expected = Integer.parseInt(threads.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threads must be a positive integer, was '" + threads + "'", e);
        }
        int maxThreads = Nd4j.getEnvironment().maxThreads();
        int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        // ND4J's own view of the BLAS (CpuBlas calls openblas_nolapack), and the library asked directly
        int nd4jBlasThreads = Nd4j.factory().blas().getMaxThreads();
        int openblasThreads = openblas_nolapack.blas_get_num_threads();
        System.err.printf("# DL4J threads: OMP_NUM_THREADS=%s, nd4j maxThreads=%d, maxMasterThreads=%d,"
                        + " nd4j BLAS threads=%d, openblas blas_get_num_threads=%d (threads param %d)%n",
                System.getenv("OMP_NUM_THREADS"), maxThreads, masterThreads, nd4jBlasThreads, openblasThreads,
                expected);
        if (maxThreads != expected || openblasThreads != expected) {
            throw new IllegalStateException("threads=" + expected + " but ND4J runs " + maxThreads
                    + " threads and OpenBLAS " + openblasThreads + "; run with OMP_NUM_THREADS=" + expected
                    + " (benchmarks/run-benchmarks.sh sets it)");
        }
    }
}

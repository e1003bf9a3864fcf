package org.gradflow.benchmarks.dl4j;

import java.util.concurrent.TimeUnit;
import org.gradflow.benchmarks.BenchData;
import org.gradflow.benchmarks.GemmShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One float32 matrix product {@code C = op(A) op(B)} with ND4J ({@code Nd4j.gemm}, which runs libnd4j's
 * mmul and OpenBLAS sgemm) into a preallocated {@code C}: nothing is allocated but the op descriptor.
 *
 * <p>The {@code shape} label ({@link GemmShape}) is {@code <op>_<m>x<k>*<k>x<n>}: the dimensions of
 * {@code op(A)} and {@code op(B)} as they enter the product, so the work is {@code 2mnk} flops. {@code op} says how the
 * operands are stored (row-major, like {@link BenchData}'s arrays):
 * <ul>
 *   <li>{@code NN}: A stored {@code [m, k]}, B stored {@code [k, n]} (a layer's forward pass);</li>
 *   <li>{@code NT}: A stored {@code [m, k]}, B stored {@code [n, k]} and used transposed (input gradient);</li>
 *   <li>{@code TN}: A stored {@code [k, m]} and used transposed, B stored {@code [k, n]} (weight gradient).</li>
 * </ul>
 * A's values are {@code BenchData.uniform(size, 1)}, B's {@code BenchData.uniform(size, 2)}, in storage order.
 * The {@code threads} parameter only labels the result; OMP_NUM_THREADS sets the count and
 * {@link Dl4jThreads#check} makes sure the two agree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Nd4jGemmBenchmark {
    @Param({"NN_128x784*784x512", "NT_128x512*512x784", "TN_784x128*128x512",
            "NN_128x512*512x512", "NT_128x512*512x512", "TN_512x128*128x512"})
    public String shape;

    /** Reported only: the thread count comes from OMP_NUM_THREADS. */
    @Param({"1"})
    public String threads;

    private INDArray a;
    private INDArray b;
    private INDArray c;
    private boolean transposeA;
    private boolean transposeB;

    @Setup
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Dl4jThreads.check(threads);
        GemmShape s = GemmShape.parse(shape);
        transposeA = s.transposeA();
        transposeB = s.transposeB();
        long[] aStored = transposeA ? new long[] {s.k(), s.m()} : new long[] {s.m(), s.k()};
        long[] bStored = transposeB ? new long[] {s.n(), s.k()} : new long[] {s.k(), s.n()};
        float[] aData = BenchData.uniform(s.m() * s.k(), 1);
        float[] bData = BenchData.uniform(s.k() * s.n(), 2);
        a = Nd4j.create(aData, aStored, 'c');
        b = Nd4j.create(bData, bStored, 'c');
        c = Nd4j.create(DataType.FLOAT, new long[] {s.m(), s.n()}, 'c');
        gemm();
        checkAgainstNaive(s, aData, bData);
    }

    @Benchmark
    public INDArray gemm() {
        return Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, 0.0);
    }

    /** A few entries of C against a plain double-precision dot product, so a wrong transpose cannot go unseen. */
    private void checkAgainstNaive(GemmShape s, float[] aData, float[] bData) {
        for (int probe = 0; probe < 16; probe++) {
            int i = (probe * 37) % s.m();
            int j = (probe * 101) % s.n();
            double sum = 0;
            for (int p = 0; p < s.k(); p++) {
                float aip = transposeA ? aData[p * s.m() + i] : aData[i * s.k() + p];
                float bpj = transposeB ? bData[j * s.k() + p] : bData[p * s.n() + j];
                sum += (double) aip * bpj;
            }
            double got = c.getDouble(i, j);
            if (Math.abs(got - sum) > 1e-3 * Math.max(1, Math.abs(sum))) {
                throw new IllegalStateException(shape + ": C[" + i + "," + j + "] = " + got + ", expected " + sum);
            }
        }
    }
}

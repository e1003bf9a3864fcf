package org.gradflow.benchmarks;

import java.util.concurrent.TimeUnit;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.api.tensor.Precision;
import org.gradflow.api.tensor.Tensor;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix products of an MLP 784-512-512 layer pair at batch 128, forward ({@code NN}) and the two
 * of its backward pass ({@code NT}: input gradient, {@code TN}: weight gradient), through the
 * backend SPI's {@code matmul} into a preallocated result, as a layer calls it.
 * {@code shape} reads {@code FORM_mxk*kxn}: the product's operands as used, after transposition.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GradflowGemmBenchmark {
    @Param({"NN_128x784*784x512", "NT_128x512*512x784", "TN_784x128*128x512",
            "NN_128x512*512x512", "NT_128x512*512x512", "TN_512x128*128x512"})
    public String shape;

    @Param({"vector", "ojalgo"})
    public String backend;

    @Param({"float32", "float64"})
    public String precision;

    /** Threads of the vector backend (the ojalgo backend decides itself); the run script sets it. */
    @Param({"1"})
    public String threads;

    private Engines.Opened engine;
    private Tensor a;
    private Tensor b;
    private Tensor c;
    private boolean transposeA;
    private boolean transposeB;

    @Setup
    public void setUp() {
        engine = Engines.open(backend, Integer.parseInt(threads));
        ComputeBackend be = engine.backend();
        Precision p = Engines.precision(precision);
        GemmShape s = GemmShape.parse(shape);
        transposeA = s.transposeA();
        transposeB = s.transposeB();
        // stored shapes: a transposed operand is stored the other way round
        a = transposeA ? be.allocate(s.k(), s.m(), p) : be.allocate(s.m(), s.k(), p);
        b = transposeB ? be.allocate(s.n(), s.k(), p) : be.allocate(s.k(), s.n(), p);
        c = be.allocate(s.m(), s.n(), p);
        be.upload(Engines.toDouble(BenchData.uniform(s.m() * s.k(), 1)), 0, a);
        be.upload(Engines.toDouble(BenchData.uniform(s.k() * s.n(), 2)), 0, b);
    }

    @Benchmark
    public Tensor product() {
        engine.backend().matmul(a, transposeA, b, transposeB, 1, 0, c);
        return c;
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }
}

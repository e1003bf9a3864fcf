package org.gradflow.backend.vector;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.testkit.BackendConformance;

/** The conformance suite with every product on the calling thread ({@code threads = 1}). */
public class VectorSingleThreadConformanceTest extends BackendConformance {
    private final VectorBackend backend = new VectorBackend(1, Gemm.PARALLEL_MIN_FLOPS);

    @Override
    protected ComputeBackend backend() {
        return backend;
    }
}

package org.gradflow.backend.vector;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.testkit.BackendConformance;
import org.junit.After;

/**
 * The vector backend as DS configures it by default ({@code threads = 0}: min(available processors, 2)
 * threads, products split from {@link Gemm#PARALLEL_MIN_FLOPS} on) against the conformance suite.
 */
public class VectorBackendConformanceTest extends BackendConformance {
    private final VectorBackend backend = new VectorBackend(VectorBackend.threads(0), Gemm.PARALLEL_MIN_FLOPS);

    @Override
    protected ComputeBackend backend() {
        return backend;
    }

    @After
    public void stopThreads() {
        backend.deactivate();
    }
}

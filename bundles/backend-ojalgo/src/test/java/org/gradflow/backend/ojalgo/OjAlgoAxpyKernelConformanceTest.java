package org.gradflow.backend.ojalgo;

import org.gradflow.testkit.BackendConformance;

import org.gradflow.api.tensor.ComputeBackend;

/**
 * The conformance suite with ojAlgo's axpy product kernel forced on every shape, including those where
 * the backend would pick the other one: both kernels must be right everywhere.
 */
public class OjAlgoAxpyKernelConformanceTest extends BackendConformance {
    private final OjAlgoBackend backend = new OjAlgoBackend(Gemm.Kernel.AXPY);

    @Override
    protected ComputeBackend backend() {
        return backend;
    }
}

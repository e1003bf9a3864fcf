package org.gradflow.backend.ojalgo;

import org.gradflow.testkit.BackendConformance;

import org.gradflow.api.tensor.ComputeBackend;

/** The ojalgo backend against the conformance suite. */
public class OjAlgoBackendConformanceTest extends BackendConformance {
    private final OjAlgoBackend backend = new OjAlgoBackend();

    @Override
    protected ComputeBackend backend() {
        return backend;
    }
}

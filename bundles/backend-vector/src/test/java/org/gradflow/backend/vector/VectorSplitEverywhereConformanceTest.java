package org.gradflow.backend.vector;

import org.gradflow.api.tensor.ComputeBackend;
import org.gradflow.testkit.BackendConformance;
import org.junit.After;

/**
 * The conformance suite with every product split, however small, over 3 threads (more than this
 * machine's cores, so that parts are uneven and some queue): the split path must be right on every shape
 * the suite tries, including those the cross-over keeps on one thread in production.
 */
public class VectorSplitEverywhereConformanceTest extends BackendConformance {
    private final VectorBackend backend = new VectorBackend(3, 0);

    @Override
    protected ComputeBackend backend() {
        return backend;
    }

    @After
    public void stopThreads() {
        backend.deactivate();
    }
}

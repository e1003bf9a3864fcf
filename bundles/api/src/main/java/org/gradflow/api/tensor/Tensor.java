package org.gradflow.api.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A dense matrix owned by a {@link ComputeBackend}: {@code rows x cols}, logically row-major. In a
 * mini-batch a row is one example (shape {@code [B, features]}). The memory may live off-heap or on a
 * device; read it only through {@link ComputeBackend#download}. Close it to release that memory.
 */
@ConsumerType
public interface Tensor extends AutoCloseable {
    int rows();

    int cols();

    default long size() {
        return (long) rows() * cols();
    }

    Precision precision();

    /** The backend that owns this tensor; operations must use it. */
    ComputeBackend backend();

    /** Releases the memory; the tensor must not be used afterwards. Idempotent. */
    @Override
    void close();
}

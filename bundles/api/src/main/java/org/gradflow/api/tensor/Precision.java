package org.gradflow.api.tensor;

/** Element type of a tensor. FLOAT64 is the reference precision; gradient checks use it. */
public enum Precision {
    FLOAT64, FLOAT32
}

package org.gradflow.api.tensor;

/**
 * Which way normalization statistics run over a batch {@code x [B, C]}.
 * {@link #BATCH}: per feature, over the examples (batch normalization; statistics {@code [1, C]}).
 * {@link #FEATURES}: per example, over its features (layer normalization; statistics {@code [B, 1]}).
 */
public enum NormAxis {
    BATCH, FEATURES
}

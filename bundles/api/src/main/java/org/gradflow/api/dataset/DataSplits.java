package org.gradflow.api.dataset;

import java.util.Objects;

/**
 * Training and test examples of one data set.
 *
 * @param description what was loaded, in words, e.g. {@code "Fashion-MNIST from /usr/share/..."}
 */
public record DataSplits(String description, Examples train, Examples test) {
    public DataSplits {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.featureCount() != test.featureCount() || train.outputCount() != test.outputCount()
                || train.isClassification() != test.isClassification() || train.steps() != test.steps()) {
            throw new DataException(description + ": training and test examples differ in shape ("
                    + train.featureCount() + "->" + train.outputCount() + " vs " + test.featureCount() + "->"
                    + test.outputCount() + ")");
        }
    }
}

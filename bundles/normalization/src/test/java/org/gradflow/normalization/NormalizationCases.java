package org.gradflow.normalization;

import java.util.List;

import org.gradflow.normalization.NormalizationCase.Bad;

/**
 * The table of normalizations this bundle provides. A new one is one class plus one entry here;
 * {@code BundleMetadataIT} fails if the bundle registers a component that has no entry.
 */
final class NormalizationCases {
    private NormalizationCases() {
    }

    static final List<NormalizationCase> ALL = List.of(
            new NormalizationCase("batch-norm", new BatchNorm(), List.of("momentum=0.1", "eps=1.0E-5"),
                    List.of("running_mean", "running_var"), List.of(
                            new Bad("momentum", "2", "[0, 1]"),
                            new Bad("momentum", "-0.1", "[0, 1]"),
                            new Bad("momentum", "fast", "[0, 1]"),
                            new Bad("eps", "0", "(0, inf)"),
                            new Bad("eps", "-1e-5", "(0, inf)"))),
            new NormalizationCase("layer-norm", new LayerNorm(), List.of("eps=1.0E-5"), List.of(), List.of(
                    new Bad("eps", "0", "(0, inf)"),
                    new Bad("eps", "NaN", "(0, inf)"))));
}

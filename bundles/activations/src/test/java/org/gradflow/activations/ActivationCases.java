package org.gradflow.activations;

import static org.gradflow.activations.ActivationCase.grid;

import java.util.List;
import java.util.Map;

/**
 * The table of activations this bundle provides. A new activation is one class plus one entry here;
 * {@code BundleMetadataIT} fails if the bundle registers a component that has no entry.
 */
final class ActivationCases {
    private ActivationCases() {
    }

    static final double INF = Double.POSITIVE_INFINITY;

    static final List<ActivationCase> ALL = List.of(
            new ActivationCase("sigmoid", new Sigmoid(), Map.of(),
                    grid(-8, 8, 0.25, false),
                    new double[][] {
                        {0, 0.5, 0.25},
                        {2, 0.88079707797788244406, 0.10499358540350651735},
                        {-2, 0.11920292202211755594, 0.10499358540350651735},
                        // small outputs keep full relative precision (the e^x / (1 + e^x) branch)
                        {-30, 9.3576229688392989538e-14, 9.3576229688384233028e-14},
                        {-700, 9.8596765437597708567e-305, 9.8596765437597708567e-305},
                        // saturated: no overflow, and the gradient is gone
                        {800, 1, 0},
                        {-800, 0, 0},
                    },
                    0, 1),
            new ActivationCase("tanh", new Tanh(), Map.of(),
                    // beyond |x| = 5, tanh' < 1.8e-4 and the central difference of values near +-1
                    // is dominated by rounding (about 1e-11 absolute): the check would test noise
                    grid(-5, 5, 0.25, false),
                    new double[][] {
                        {0, 0, 1},
                        {1, 0.76159415595576488812, 0.41997434161402606939},
                        {-1, -0.76159415595576488812, 0.41997434161402606939},
                        {3, 0.99505475368673045133, 0.0098660371654401912732},
                        {800, 1, 0},
                        {-800, -1, 0},
                    },
                    -1, 1),
            new ActivationCase("relu", new Relu(), Map.of(),
                    grid(-8, 8, 0.25, true), // not at the kink x = 0
                    new double[][] {
                        {0, 0, 0}, // the kink: f'(0) = 0 by convention
                        {-0.0, 0, 0},
                        {3, 3, 1},
                        {-3, 0, 0},
                        {1e-300, 1e-300, 1},
                        {-1e-300, 0, 0},
                        {1e300, 1e300, 1},
                    },
                    0, INF));
}

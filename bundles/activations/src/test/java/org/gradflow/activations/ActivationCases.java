package org.gradflow.activations;

import static org.gradflow.activations.ActivationCase.except;
import static org.gradflow.activations.ActivationCase.grid;

import java.util.List;
import java.util.Map;

import org.gradflow.activations.ActivationCase.Rejected;

/**
 * The table of activations this bundle provides. A new activation is one class plus one entry here;
 * {@code BundleMetadataIT} fails if the bundle registers a component that has no entry.
 */
final class ActivationCases {
    private ActivationCases() {
    }

    static final double INF = Double.POSITIVE_INFINITY;
    /** e^-1, for the hand-computed ELU rows. */
    static final double E1 = Math.exp(-1);
    static final double SELU_LAMBDA = 1.0507009873554804934;
    /** lambda * alpha, SELU's lower bound in magnitude, rounded up in the last place shown. */
    static final double SELU_LAMBDA_ALPHA = 1.7580993408473769;

    private static Rejected rejected(String key, String value, String message) {
        return new Rejected(Map.of(key, value), message);
    }

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
                    0, INF),
            new ActivationCase("identity", new Identity(), Map.of(),
                    grid(-8, 8, 0.25, false),
                    new double[][] {
                        {0, 0, 1},
                        {-3.5, -3.5, 1},
                        {1e300, 1e300, 1},
                        {-1e-300, -1e-300, 1},
                    },
                    -INF, INF),
            new ActivationCase("softsign", new Softsign(), Map.of(),
                    // C1 at 0, but f'' jumps there (from 2 to -2): a central difference at 0 is off by h
                    grid(-8, 8, 0.25, true),
                    new double[][] {
                        {0, 0, 1},
                        {1, 0.5, 0.25}, // 1 / 2, 1 / 2^2
                        {-3, -0.75, 0.0625}, // -3 / 4, 1 / 4^2
                        {100, 0.99009900990099009901, 9.8029604940692089011e-5}, // 100 / 101, 1 / 101^2
                        {1e-300, 1e-300, 1},
                        // 1 + 1e300 rounds to 1e300; its square overflows, so f' = 1 / inf = 0
                        {1e300, 1, 0},
                        {-1e300, -1, 0},
                        {INF, 1, 0},
                        {-INF, -1, 0},
                    },
                    -1, 1),
            new ActivationCase("hard-tanh", new HardTanh(), Map.of(),
                    except(grid(-3, 3, 0.25, false), -1, 1), // not at the kinks min and max
                    new double[][] {
                        {0, 0, 1},
                        {0.5, 0.5, 1},
                        {-0.75, -0.75, 1},
                        {1, 1, 0}, // the kinks: f' = 0 by convention
                        {-1, -1, 0},
                        {3, 1, 0},
                        {-3, -1, 0},
                        {1e300, 1, 0},
                    },
                    -1, 1,
                    List.of(
                        new Rejected(Map.of("min", "1", "max", "1"),
                                "activation.min=1.0 must be less than activation.max=1.0"),
                        rejected("min", "2", "activation.min=2.0 must be less than activation.max=1.0"),
                        rejected("max", "x", "activation.max=x is invalid (not a number)"),
                        rejected("min", "-Infinity", "activation.min=-Infinity is invalid (out of range)"))),
            new ActivationCase("hard-tanh", new HardTanh(), Map.of("min", "-2", "max", "3"),
                    except(grid(-4, 4, 0.25, false), -2, 3),
                    new double[][] {
                        {-1.5, -1.5, 1},
                        {2.5, 2.5, 1},
                        {-2, -2, 0},
                        {3, 3, 0},
                        {-2.5, -2, 0},
                        {4, 3, 0},
                    },
                    -2, 3),
            new ActivationCase("leaky-relu", new LeakyRelu(), Map.of(),
                    grid(-8, 8, 0.25, true), // not at the kink x = 0
                    new double[][] {
                        {0, 0, 0.01}, // the kink: f'(0) = slope by convention
                        {3, 3, 1},
                        {-3, -0.03, 0.01}, // 0.01 * -3
                        {1e-300, 1e-300, 1},
                        {-1e300, -1e298, 0.01},
                        {-INF, -INF, 0.01},
                    },
                    -INF, INF,
                    List.of(
                        rejected("slope", "1", "activation.slope=1 is invalid (out of range): allowed [0, 1)"),
                        rejected("slope", "-0.1", "activation.slope=-0.1 is invalid (out of range)"))),
            new ActivationCase("leaky-relu", new LeakyRelu(), Map.of("slope", "0.2"),
                    grid(-8, 8, 0.25, true),
                    new double[][] {
                        {-2, -0.4, 0.2}, // 0.2 * -2
                        {2, 2, 1},
                        {0, 0, 0.2},
                    },
                    -INF, INF),
            new ActivationCase("leaky-relu", new LeakyRelu(), Map.of("slope", "0"), // relu, but f'(0) = 0 too
                    grid(-8, 8, 0.25, true),
                    new double[][] {
                        {-2, 0, 0},
                        {2, 2, 1},
                        {-INF, 0, 0}, // not 0 * -inf = NaN
                    },
                    0, INF),
            new ActivationCase("elu", new Elu(), Map.of(),
                    grid(-8, 8, 0.25, true), // C1 at 0 for alpha = 1, but f'' jumps there
                    new double[][] {
                        {0, 0, 1}, // f'(0) = alpha e^0
                        {2, 2, 1},
                        {-1, -0.6321205588285576784, 0.3678794411714423216}, // e^-1 - 1, e^-1
                        {-5, -0.9932620530009145329, 0.0067379469990854670966},
                        // expm1 keeps the precision that e^x - 1 would lose
                        {-1e-10, -9.9999999995e-11, 0.9999999999},
                        {-800, -1, 0},
                        {-INF, -1, 0},
                    },
                    -1, INF,
                    List.of(
                        rejected("alpha", "0", "activation.alpha=0 is invalid (out of range): allowed (0, inf)"),
                        rejected("alpha", "-1", "activation.alpha=-1 is invalid (out of range)"))),
            new ActivationCase("elu", new Elu(), Map.of("alpha", "0.5"),
                    grid(-8, 8, 0.25, true),
                    new double[][] {
                        {-1, 0.5 * (E1 - 1), 0.5 * E1},
                        {0, 0, 0.5},
                        {2, 2, 1},
                        {-INF, -0.5, 0},
                    },
                    -0.5, INF),
            new ActivationCase("selu", new Selu(), Map.of(),
                    grid(-8, 8, 0.25, true), // f' jumps at 0 from lambda alpha to lambda
                    new double[][] {
                        {0, 0, 1.7580993408473768599}, // f'(0) = lambda alpha
                        {1, 1.0507009873554804934, 1.0507009873554804934},
                        {3, 3.1521029620664414803, 1.0507009873554804934},
                        {-1, -1.1113307378125627618, 0.64676860303481409814},
                        {-5, -1.7462533606696201393, 0.011845980177756720677},
                        {-800, -1.7580993408473768599, 0},
                        {1e300, SELU_LAMBDA * 1e300, SELU_LAMBDA},
                    },
                    -SELU_LAMBDA_ALPHA, INF),
            new ActivationCase("gelu", new Gelu(), Map.of(),
                    grid(-8, 8, 0.25, false), // smooth everywhere
                    new double[][] {
                        {0, 0, 0.5},
                        {0.5, 0.34573123063700655182, 0.86749512465616284253},
                        {1, 0.84134474606854294859, 1.0833154705876862984},
                        {-1, -0.15865525393145705141, -0.083315470587686298383},
                        {2, 1.9544997361036415856, 1.0852318010781968967},
                        {-3, -0.00404969409489028358, -0.011945647204183927},
                        {5, 4.999998566742140604, 1.0000071469460017923},
                        // the tail keeps its relative precision (erfc, not 1 - erf)
                        {-10, -7.619853024160526066e-23, -7.6184000964648140857e-22},
                        {-20, -5.5072482372124673902e-88, -1.1014360483133464042e-86},
                        {40, 40, 1},
                        {-800, 0, 0},
                        {INF, INF, 1},
                        {-INF, 0, 0},
                    },
                    -0.16997120747990366, INF), // the minimum, f(-0.75179...)
            new ActivationCase("silu", new Silu(), Map.of(),
                    grid(-8, 8, 0.25, false),
                    new double[][] {
                        {0, 0, 0.5},
                        {1, 0.73105857863000487925, 0.92767051187148673179},
                        {-1, -0.26894142136999512075, 0.072329488128513268211},
                        {3, 2.8577223804672996574, 1.0881041060151696171},
                        {-30, -2.8072868906517896862e-12, -2.7137106609631340013e-12},
                        {-700, -6.9017735806318395997e-302, -6.8919139040880798288e-302},
                        {800, 800, 1},
                        {-800, 0, 0},
                        {INF, INF, 1},
                        {-INF, 0, 0},
                    },
                    -0.27846454276107380, INF), // the minimum, f(-1.27846...)
            new ActivationCase("softplus", new Softplus(), Map.of(),
                    grid(-8, 8, 0.25, false),
                    new double[][] {
                        {0, 0.69314718055994530942, 0.5}, // ln 2
                        {1, 1.313261687518222834, 0.73105857863000487925},
                        {-1, 0.31326168751822283405, 0.26894142136999512075},
                        {30, 30.000000000000093576, 0.99999999999990642377},
                        {-30, 9.3576229688397367794e-14, 9.3576229688392989538e-14},
                        {-700, 9.8596765437597708567e-305, 9.8596765437597708567e-305},
                        {40, 40, 1}, // ln(1 + e^-40) = 4e-18 is below half an ulp of 40
                        {800, 800, 1},
                        {-800, 0, 0},
                    },
                    0, INF,
                    List.of(
                        rejected("beta", "0", "activation.beta=0 is invalid (out of range): allowed (0, inf)"),
                        rejected("beta", "-2", "activation.beta=-2 is invalid (out of range)"))),
            new ActivationCase("softplus", new Softplus(), Map.of("beta", "2"),
                    grid(-8, 8, 0.25, false),
                    new double[][] {
                        {0, 0.34657359027997265471, 0.5}, // ln 2 / 2
                        {1, 1.0634640055214862482, 0.88079707797788244406}, // ln(1 + e^2) / 2, s(2)
                        {-1, 0.063464005521486248222, 0.11920292202211755594},
                        {-20, 2.1241771276457944932e-18, 4.2483542552915889773e-18},
                        {Double.MAX_VALUE, Double.MAX_VALUE, 1}, // beta x overflows; f is still x
                    },
                    0, INF),
            // prelu's element-wise fallback (create): the fixed function with slope = init; the learned
            // layer is tested in PreluLayerTest
            new ActivationCase("prelu", new Prelu(), Map.of(),
                    grid(-8, 8, 0.25, true), // not at the kink x = 0
                    new double[][] {
                        {0, 0, 0.25}, // the kink: f'(0) = slope by convention
                        {3, 3, 1},
                        {-3, -0.75, 0.25}, // 0.25 * -3
                        {1e-300, 1e-300, 1},
                        {-1e300, -2.5e299, 0.25},
                        {-INF, -INF, 0.25},
                    },
                    -INF, INF,
                    List.of(
                        rejected("init", "1", "activation.init=1 is invalid (out of range): allowed [0, 1)"),
                        rejected("init", "-0.1", "activation.init=-0.1 is invalid (out of range)"),
                        rejected("init", "x", "activation.init=x is invalid (not a number)"))),
            new ActivationCase("prelu", new Prelu(), Map.of("init", "0"), // relu, f'(0) = 0 too
                    grid(-8, 8, 0.25, true),
                    new double[][] {
                        {-2, 0, 0},
                        {2, 2, 1},
                        {-INF, 0, 0}, // not 0 * -inf = NaN
                    },
                    0, INF));
}

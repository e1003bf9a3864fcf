package org.gradflow.optimizers;

import java.util.List;
import java.util.Map;

import org.gradflow.optimizers.OptimizerCase.Bad;

/**
 * The table of optimizers this bundle provides, each with its first three steps worked out by hand.
 * Every case starts from {@code w0 = [1, -2]} with gradients {@code g1 = [0.5, -1]},
 * {@code g2 = [-1, 2]}, {@code g3 = [0.25, 0.5]}. A new optimizer is one class plus one entry here;
 * {@code BundleMetadataIT} fails if the bundle registers a component that has no entry.
 */
final class OptimizerCases {
    private OptimizerCases() {
    }

    static final List<OptimizerCase> ALL = List.of(
            // sgd, lr = 0.1: w = w - 0.1 g
            //   w1 = [1 - 0.05,      -2 + 0.1]       = [0.95,  -1.9]
            //   w2 = [0.95 + 0.1,    -1.9 - 0.2]     = [1.05,  -2.1]
            //   w3 = [1.05 - 0.025,  -2.1 - 0.05]    = [1.025, -2.15]
            new OptimizerCase("sgd", new Sgd(), Map.of("lr", "0.1"),
                    new double[][] {{0.95, -1.9}, {1.05, -2.1}, {1.025, -2.15}},
                    List.of(new Bad("lr", "-1", "(0, inf)"), new Bad("lr", "0", "(0, inf)"))),

            // momentum, lr = 0.1, mu = 0.9 (default): v = 0.9 v + g; w = w - 0.1 v
            //   v1 = g1                                = [0.5, -1]
            //   w1 = [1 - 0.05, -2 + 0.1]              = [0.95, -1.9]
            //   v2 = [0.45 - 1, -0.9 + 2]              = [-0.55, 1.1]
            //   w2 = [0.95 + 0.055, -1.9 - 0.11]       = [1.005, -2.01]
            //   v3 = [-0.495 + 0.25, 0.99 + 0.5]       = [-0.245, 1.49]
            //   w3 = [1.005 + 0.0245, -2.01 - 0.149]   = [1.0295, -2.159]
            new OptimizerCase("momentum", new Momentum(), Map.of("lr", "0.1"),
                    new double[][] {{0.95, -1.9}, {1.005, -2.01}, {1.0295, -2.159}},
                    List.of(new Bad("lr", "-1", "(0, inf)"), new Bad("momentum", "1", "[0, 1)"),
                            new Bad("momentum", "-0.5", "[0, 1)"))),

            // adam, lr = 0.1, beta1 = 0.9, beta2 = 0.999, eps = 1e-8 (defaults but lr)
            //   m = 0.9 m + 0.1 g;  v = 0.999 v + 0.001 g^2;  m^ = m / c1;  v^ = v / c2
            //   u = m^ / (sqrt(v^) + 1e-8);  w = w - 0.1 u
            // t=1: c1 = 0.1, c2 = 0.001
            //   m = [0.05, -0.1]   v = [0.00025, 0.001]   m^ = [0.5, -1]   v^ = [0.25, 1]
            //   u = [0.5 / 0.50000001, -1 / 1.00000001] = [0.99999998000000040, -0.99999999000000010]
            //   w1 = [0.900000002, -1.900000001]   (each weight moves by ~lr: bias correction at work)
            // t=2: c1 = 1 - 0.81 = 0.19, c2 = 1 - 0.998001 = 0.001999
            //   m = [0.045 - 0.1, -0.09 + 0.2]                    = [-0.055, 0.11]
            //   v = [0.00024975 + 0.001, 0.000999 + 0.004]        = [0.00124975, 0.004999]
            //   m^ = [-0.28947368421052632, 0.57894736842105263]
            //   v^ = [0.62518759379689845, 2.5007503751875938], sqrt = [0.79068805087524780, 1.5813761017504956]
            //   u = [-0.36610352240565643, 0.36610352472075098]
            //   w2 = [0.93661035424056560, -1.9366103534720751]
            // t=3: c1 = 1 - 0.729 = 0.271, c2 = 1 - 0.997002999 = 0.002997001
            //   m = [-0.0495 + 0.025, 0.099 + 0.05]               = [-0.0245, 0.149]
            //   v = [0.00124850025 + 0.0000625, 0.004994001 + 0.00025] = [0.00131100025, 0.005244001]
            //   m^ = [-0.090405904059040590, 0.54981549815498155]
            //   v^ = [0.43743737489577081, 1.7497494995830832], sqrt = [0.66139048594288896, 1.3227809718857779]
            //   u = [-0.13669066098410815, 0.41565119674698959]
            //   w3 = [0.95027942033897642, -1.9781754731467740]
            new OptimizerCase("adam", new Adam(), Map.of("lr", "0.1"),
                    new double[][] {
                        {0.90000000199999996, -1.90000000099999999},
                        {0.93661035424056560, -1.9366103534720751},
                        {0.95027942033897642, -1.9781754731467740},
                    },
                    List.of(new Bad("lr", "-1", "(0, inf)"), new Bad("beta1", "1", "[0, 1)"),
                            new Bad("beta2", "1.5", "[0, 1)"), new Bad("eps", "0", "(0, inf)"),
                            new Bad("beta1", "abc", "[0, 1)"))));
}

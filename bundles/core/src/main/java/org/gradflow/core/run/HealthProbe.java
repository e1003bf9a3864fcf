package org.gradflow.core.run;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.activation.ActivationFunction;
import org.gradflow.api.health.LayerHealth;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.tensor.Tensor;

/**
 * Measures each layer for a health check: its weight-gradient norm against the output layer's, and
 * the state of its nonlinearities from the last forward pass ({@link Layer#observations()}).
 *
 * <p>Definitions, for a nonlinearity f observed on {@code z [B, units]} with output {@code a}:
 * <ul>
 * <li><b>typical slope</b> m: the largest {@code |f'(z)|} on the grid z = -3, -2.9, ..., 3 (0.25 for
 * the sigmoid, 1 for tanh and ReLU);</li>
 * <li><b>bounded</b>: {@code |f(-30)|} and {@code |f(30)|} are both at most 5 (sigmoid, tanh, softsign,
 * hard-tanh; not ReLU, ELU, GELU, softplus);</li>
 * <li><b>saturated fraction</b> (bounded activations only, else NaN): the fraction of (example, unit)
 * pairs with {@code |f'(z)| < threshold * m}; with the default threshold 0.01 that is |z| > 6.0 for
 * the sigmoid and |z| > 3.0 for tanh;</li>
 * <li><b>dead fraction</b>: the fraction of units whose {@code f'(z)} is exactly 0 for every example of
 * the batch (a dead ReLU; also a tanh unit pinned at +-1 in double precision);</li>
 * <li>mean {@code |f'(z)|}, and the mean and standard deviation of {@code a}.</li>
 * </ul>
 * A layer with several nonlinearities (a residual block) pools them. The cost is one download of
 * each observed tensor per check, so checks run every {@code health.interval} steps.
 */
final class HealthProbe {
    private final List<Layer> layers;
    private final Map<ActivationFunction, String> names;
    private final double threshold;
    private final Map<ActivationFunction, double[]> shapes = new IdentityHashMap<>();

    /**
     * @param names the spec's name of each activation function instance the network uses
     */
    /** Host copies of an observation, kept from check to check (the largest observation's size). */
    private double[] zs = new double[0];
    private double[] as = new double[0];
    private boolean[] alive = new boolean[0];

    HealthProbe(List<Layer> layers, Map<ActivationFunction, String> names, double threshold) {
        this.layers = layers;
        this.names = names;
        this.threshold = threshold;
    }

    /** @param gradients per layer {L2 of the weight gradients, non-finite count}, from the monitor */
    List<LayerHealth> measure(Map<String, double[]> gradients) {
        double last = Double.NaN;
        for (int i = layers.size() - 1; i >= 0 && Double.isNaN(last); i--) {
            double[] g = gradients.get(layers.get(i).name());
            last = g == null ? Double.NaN : g[0];
        }
        List<LayerHealth> out = new ArrayList<>();
        for (Layer layer : layers) {
            double[] g = gradients.getOrDefault(layer.name(), new double[] {Double.NaN, 0});
            double ratio = last > 0 ? g[0] / last : Double.NaN;
            out.add(activationHealth(layer, g[0], ratio, (long) g[1]));
        }
        return out;
    }

    private LayerHealth activationHealth(Layer layer, double gradL2, double ratio, long nonFinite) {
        List<Layer.Observation> observed = layer.observations();
        if (observed.isEmpty()) {
            return new LayerHealth(layer.name(), gradL2, ratio, "", false, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, nonFinite);
        }
        String name = "";
        boolean bounded = true;
        long elements = 0, saturated = 0, units = 0, dead = 0;
        double sumDerivative = 0, sum = 0, sumSquares = 0;
        for (Layer.Observation o : observed) {
            double[] shape = shapes.computeIfAbsent(o.function(), HealthProbe::shapeOf);
            bounded &= shape[1] == 1;
            String n = names.getOrDefault(o.function(), "?");
            name = name.isEmpty() || name.equals(n) ? n : name + "+" + n;
            Tensor z = o.preActivation();
            Tensor a = o.output();
            int size = (int) z.size();
            if (zs.length < size) {
                zs = new double[size];
                as = new double[size];
            }
            z.backend().download(z, zs, 0);
            a.backend().download(a, as, 0);
            int cols = z.cols();
            if (alive.length < cols) {
                alive = new boolean[cols];
            }
            java.util.Arrays.fill(alive, 0, cols, false);
            for (int i = 0; i < size; i++) {
                double d = Math.abs(o.function().derivative(zs[i], as[i]));
                sumDerivative += d;
                if (d < threshold * shape[0]) {
                    saturated++;
                }
                if (d != 0) {
                    alive[i % cols] = true;
                }
                sum += as[i];
                sumSquares += as[i] * as[i];
            }
            for (int j = 0; j < cols; j++) {
                dead += alive[j] ? 0 : 1;
            }
            units += cols;
            elements += size;
        }
        double mean = sum / elements;
        double std = Math.sqrt(Math.max(0, sumSquares / elements - mean * mean));
        return new LayerHealth(layer.name(), gradL2, ratio, name, bounded,
                bounded ? (double) saturated / elements : Double.NaN, (double) dead / units, sumDerivative / elements,
                mean, std, nonFinite);
    }

    /** {typical slope m, 1 if bounded else 0}. */
    static double[] shapeOf(ActivationFunction f) {
        double m = 0;
        for (int k = -30; k <= 30; k++) {
            double z = k / 10.0;
            double d = Math.abs(f.derivative(z, f.value(z)));
            if (Double.isFinite(d)) {
                m = Math.max(m, d);
            }
        }
        double low = Math.abs(f.value(-30));
        double high = Math.abs(f.value(30));
        return new double[] {m, low <= 5 && high <= 5 ? 1 : 0};
    }
}

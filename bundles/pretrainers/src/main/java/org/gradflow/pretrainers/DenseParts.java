package org.gradflow.pretrainers;

import java.util.ArrayList;
import java.util.List;

import org.gradflow.api.component.ConfigurationException;
import org.gradflow.api.nn.Layer;
import org.gradflow.api.nn.Parameter;

/**
 * The dense part of a hidden layer that a pre-trainer trains: its weight {@code W [out, in]} and bias
 * {@code b [1, out]}, where {@code in} and {@code out} are the layer's input and output sizes.
 *
 * <p>A layer qualifies when it has exactly one {@link Parameter.Role#WEIGHT} parameter, of shape
 * {@code [out, in]}, and at least one {@link Parameter.Role#BIAS} parameter of shape {@code [1, out]}.
 * The bias is the first such one in {@link Layer#parameters()} order: a hidden layer made by the core
 * lists its dense layer's {@code weight} and {@code bias} first, then a normalization's {@code norm.*}
 * (whose shift is also a {@code [1, out]} bias) and a learned activation's {@code act.*}. So a dense
 * layer with normalization or activation after it inside the same {@code Layer} qualifies; a
 * recurrent layer (several weight matrices), a residual block (two) or a parameter-free layer does not.
 */
record DenseParts(Parameter weight, Parameter bias) {

    /**
     * @param index      1-based position of the layer in the network, for the message
     * @param pretrainer the component name, for the message ({@code autoencoder})
     * @throws ConfigurationException naming the layer, what it has, and what to change
     */
    static DenseParts of(Layer layer, int index, String pretrainer) {
        int in = layer.inputSize();
        int out = layer.outputSize();
        List<Parameter> weights = new ArrayList<>();
        Parameter bias = null;
        for (Parameter p : layer.parameters()) {
            if (p.role() == Parameter.Role.WEIGHT) {
                weights.add(p);
            } else if (p.role() == Parameter.Role.BIAS && bias == null && p.value().rows() == 1
                    && p.value().cols() == out) {
                bias = p;
            }
        }
        String problem = null;
        if (weights.size() != 1) {
            problem = weights.size() + " weight matrices " + weights;
        } else if (weights.get(0).value().rows() != out || weights.get(0).value().cols() != in) {
            problem = "weight " + weights.get(0) + " where a dense layer " + in + " -> " + out + " has [" + out + "x"
                    + in + "]";
        } else if (bias == null) {
            problem = "no bias of shape [1x" + out + "] (parameters " + layer.parameters() + ")";
        }
        if (problem != null) {
            throw new ConfigurationException("pretrain=" + pretrainer + " needs dense hidden layers (one weight [out x in]"
                    + " and a bias [1 x out]); layer " + index + " (" + layer.name() + ") has " + problem
                    + "; use architecture=mlp or drop pretrain");
        }
        return new DenseParts(weights.get(0), bias);
    }
}

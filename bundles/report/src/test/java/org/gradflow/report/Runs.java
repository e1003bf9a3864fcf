package org.gradflow.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gradflow.api.run.RunInfo;
import org.gradflow.api.run.RunState;

/**
 * Run folders as the core writes them, small enough to check by hand. Numbers are written as the core
 * writes them ({@code %.6e} in gradients.csv).
 */
final class Runs {
    static final String METRICS_HEADER =
            "phase,epoch,train_loss,train_accuracy,test_loss,test_accuracy,penalty,seconds,ms_per_step,clip_rate\n";
    static final String GRADIENTS_HEADER =
            "step,layer,parameter,grad_l2,grad_rms,grad_maxabs,weight_l2,update_ratio,nonfinite\n";

    /** The MLP run's metrics: two epochs of a classifier. */
    static final String MLP_METRICS = METRICS_HEADER
            + "train,1,0.929095,0.658500,0.718271,0.724500,0.000000e+00,14.019,80.842,NaN\n"
            + "train,2,0.617554,0.768400,0.558149,0.798500,0.000000e+00,13.132,76.579,NaN\n";

    /**
     * Verdicts: healthy twice, then vanishing twice (so two changes). The evidence has quotes, a comma
     * and markup characters; the remedies are two, joined with " | ".
     */
    static final String MLP_VERDICTS = "step,epoch,condition,evidence,remedies\n"
            + "2,1,healthy,\"gradients within 10x across layers\",\n"
            + "4,1,healthy,\"gradients within 10x across layers\",\n"
            + "6,2,vanishing,\"fc1 gets 1e-02 of fc3's gradient\",\"activation=relu initializer=he-normal\"\n"
            + "8,2,vanishing,\"fc1 gets 1.0e-02 of fc3's gradient, a \"\"quoted\"\" word & <b>markup</b>\","
            + "\"activation=relu initializer=he-normal | normalization=batch-norm\"\n";

    private Runs() {
    }

    static void write(Path dir, String file, String text) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String e(double v) {
        return String.format(Locale.ROOT, "%.6e", v);
    }

    static String gradientRow(long step, String layer, String parameter, double gradL2, long nonFinite) {
        return step + "," + layer + "," + parameter + "," + e(gradL2) + ",1.000000e-05,1.000000e-04,1.000000e+00,"
                + "1.000000e-03," + nonFinite + "\n";
    }

    /**
     * A 3-layer MLP (fc1, fc2, fc3), 2 epochs of 4 steps, every step recorded. Weight gradients:
     * fc1 {@code fc1Scale * step}, fc2 {@code 1e-3 * step}, fc3 {@code 1e-2 * step}; biases 5 and fc2's
     * normalization scale 1e3, both of which the report must leave out.
     */
    static RunInfo mlp(Path dir, String id, String specLines, double fc1Scale, String metrics) {
        write(dir, "metrics.csv", metrics);
        StringBuilder g = new StringBuilder(GRADIENTS_HEADER);
        for (int s = 1; s <= 8; s++) {
            g.append(gradientRow(s, "fc1", "weight", fc1Scale * s, 0));
            g.append(gradientRow(s, "fc1", "bias", 5, 0));
            g.append(gradientRow(s, "fc2", "weight", 1e-3 * s, 0));
            g.append(gradientRow(s, "fc2", "bias", 5, 0));
            g.append(gradientRow(s, "fc2", "norm.weight", 1e3, 0));
            g.append(gradientRow(s, "fc3", "weight", 1e-2 * s, 0));
            g.append(gradientRow(s, "fc3", "bias", 5, 0));
        }
        write(dir, "gradients.csv", g.toString());
        write(dir, "verdicts.csv", MLP_VERDICTS);
        write(dir, "spec.cfg", "# Resolved spec of run " + id + ": every key with defaults filled in.\n"
                + "architecture=mlp\nepochs=2\nhidden=64,64\n" + specLines);
        write(dir, "status.txt", "state=COMPLETED\nmessage=test accuracy 0.7985, test loss 0.5581\nstep=8\n");
        return new RunInfo(id, RunState.COMPLETED, "test accuracy 0.7985, test loss 0.5581", 2, 2, 8, 8,
                dir.toString(), Map.of(), List.of());
    }

    static RunInfo mlp(Path dir) {
        return mlp(dir, "run-0001", "activation=sigmoid\ninitializer=xavier-uniform\nlabel=sigmoid baseline\n", 1e-4,
                MLP_METRICS);
    }

    /**
     * An LSTM layer lstm1 (weight_ih, weight_hh, two biases) and a dense output layer, 2 epochs of 5 steps,
     * recorded at steps 1, 5 and 10. lstm1's weight gradients are 3k and 4k (k = 1e-2 * step), so its
     * combined norm is 5k. time-gradients.csv: t = 0..4 at each recorded step, with one 0.
     */
    static RunInfo lstm(Path dir) {
        write(dir, "metrics.csv", METRICS_HEADER
                + "train,1,2.100000,0.210000,2.000000,0.250000,0.000000e+00,3.000,10.000,0.2000\n"
                + "train,2,1.500000,0.450000,1.400000,0.480000,0.000000e+00,3.000,10.000,0.1000\n");
        StringBuilder g = new StringBuilder(GRADIENTS_HEADER);
        for (long s : new long[] {1, 5, 10}) {
            double k = 1e-2 * s;
            g.append(gradientRow(s, "lstm1", "weight_ih", 3 * k, 0));
            g.append(gradientRow(s, "lstm1", "weight_hh", 4 * k, 0));
            g.append(gradientRow(s, "lstm1", "bias_ih", 1, 0));
            g.append(gradientRow(s, "lstm1", "bias_hh", 1, 0));
            g.append(gradientRow(s, "out", "weight", 0.2, 0));
            g.append(gradientRow(s, "out", "bias", 0.1, 0));
        }
        write(dir, "gradients.csv", g.toString());
        StringBuilder t = new StringBuilder("step,layer,t,state_grad_l2\n");
        for (long s : new long[] {1, 5, 10}) {
            for (int i = 0; i < 5; i++) {
                double v = s == 5 && i == 0 ? 0 : Math.pow(10, i - 6) * s;
                t.append(s).append(",lstm1,").append(i).append(',').append(e(v)).append('\n');
            }
        }
        write(dir, "time-gradients.csv", t.toString());
        write(dir, "spec.cfg", "architecture=lstm\nepochs=2\nhidden=8\n");
        write(dir, "status.txt", "state=COMPLETED\nmessage=done\nstep=10\n");
        return new RunInfo("run-0002", RunState.COMPLETED, "done", 2, 2, 10, 10, dir.toString(), Map.of(), List.of());
    }

    /**
     * A regression run (accuracy NaN) that diverged in epoch 2, still RUNNING: fc1's weight gradient is 0
     * at step 1, fc2's is NaN (12 non-finite elements) at step 2. No verdicts.csv, no time-gradients.csv,
     * no spec.cfg (the spec comes from the snapshot).
     */
    static RunInfo diverged(Path dir) {
        write(dir, "metrics.csv", METRICS_HEADER
                + "train,1,0.500000,NaN,0.600000,NaN,0.000000e+00,1.000,5.000,NaN\n"
                + "train,2,NaN,NaN,NaN,NaN,0.000000e+00,1.000,5.500,NaN\n");
        write(dir, "gradients.csv", GRADIENTS_HEADER
                + gradientRow(1, "fc1", "weight", 0, 0)
                + gradientRow(1, "fc2", "weight", 2e-1, 0)
                + "2,fc1,weight,1.000000e-02,1.0e-05,1.0e-04,1.0e+00,1.0e-03,0\n"
                + "2,fc2,weight,NaN,NaN,NaN,NaN,NaN,12\n");
        return new RunInfo("run-0003", RunState.RUNNING, "epoch 2", 2, 3, 2, 3, dir.toString(),
                Map.of("architecture", "mlp", "loss", "mse", "label", "regression"), List.of());
    }
}

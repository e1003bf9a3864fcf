package org.gradflow.benchmarks.dl4j;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.gradflow.benchmarks.BenchData;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.enums.DebugMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Deeplearning4j training step, {@code MultiLayerNetwork.fit(DataSet)} on one fixed mini-batch from
 * {@link BenchData}, in float32 with DL4J's default workspace mode (ENABLED) and no listeners:
 * <ul>
 *   <li>{@code mlp-relu}: 784-512-512-10, ReLU, He init ({@code WeightInit.RELU}), softmax output with
 *       cross-entropy (MCXENT), Adam lr 1e-3, batch 128;</li>
 *   <li>{@code mlp-sigmoid}: 784-[256 x 8]-10, sigmoid, Xavier, the same output and optimizer, batch 128;</li>
 *   <li>{@code lstm}: LSTM 1-128 (tanh) over T = 100 steps, its last step into a 1-unit identity output with
 *       MSE ({@code LastTimeStep(LSTM)} then {@code OutputLayer}), Adam lr 1e-3, batch 64, inputs
 *       {@code [64, 1, 100]} (NCW).</li>
 * </ul>
 * The warm-up lets the workspaces learn their sizes (DL4J sizes them during the first iterations).
 * The {@code threads} parameter only labels the result; OMP_NUM_THREADS sets the count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Dl4jTrainingBenchmark {
    @Param({"mlp-relu", "mlp-sigmoid", "lstm"})
    public String model;

    /** Reported only: the thread count comes from OMP_NUM_THREADS. */
    @Param({"1"})
    public String threads;

    private MultiLayerNetwork net;
    private DataSet batch;

    @Setup
    public void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getWorkspaceManager().setDebugMode(DebugMode.DISABLED);
        Nd4j.getExecutioner().enableDebugMode(false);
        Nd4j.getExecutioner().enableVerboseMode(false);
        Dl4jThreads.check(threads);
        net = new MultiLayerNetwork(configuration(model));
        net.init();
        batch = model.equals("lstm") ? lstmBatch() : mlpBatch();
    }

    @Benchmark
    public double step() {
        net.fit(batch);
        return net.score();
    }

    static MultiLayerConfiguration configuration(String model) {
        NeuralNetConfiguration.Builder common = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        int in = BenchData.MLP_INPUTS;
        int classes = BenchData.MLP_CLASSES;
        switch (model) {
            case "mlp-relu":
                return common.weightInit(WeightInit.RELU).list()
                        .layer(new DenseLayer.Builder().nIn(in).nOut(512).activation(Activation.RELU).build())
                        .layer(new DenseLayer.Builder().nIn(512).nOut(512).activation(Activation.RELU).build())
                        .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(512).nOut(classes)
                                .activation(Activation.SOFTMAX).build())
                        .build();
            case "mlp-sigmoid": {
                NeuralNetConfiguration.ListBuilder list = common.weightInit(WeightInit.XAVIER).list();
                for (int layer = 0; layer < 8; layer++) {
                    list.layer(new DenseLayer.Builder().nIn(layer == 0 ? in : 256).nOut(256)
                            .activation(Activation.SIGMOID).build());
                }
                return list.layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(classes)
                                .activation(Activation.SOFTMAX).build())
                        .build();
            }
            case "lstm":
                return common.weightInit(WeightInit.XAVIER).list()
                        .layer(new LastTimeStep(new LSTM.Builder().nIn(1).nOut(BenchData.LSTM_HIDDEN)
                                .activation(Activation.TANH).build()))
                        .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(BenchData.LSTM_HIDDEN).nOut(1)
                                .activation(Activation.IDENTITY).build())
                        .setInputType(InputType.recurrent(1, BenchData.LSTM_STEPS, RNNFormat.NCW))
                        .build();
            default:
                throw new IllegalArgumentException("model must be mlp-relu, mlp-sigmoid or lstm, was " + model);
        }
    }

    /** Features {@code [128, 784]} and one-hot labels {@code [128, 10]}. */
    private static DataSet mlpBatch() {
        int[] labels = BenchData.mlpLabels();
        float[] oneHot = new float[BenchData.MLP_BATCH * BenchData.MLP_CLASSES];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * BenchData.MLP_CLASSES + labels[i]] = 1f;
        }
        INDArray x = Nd4j.create(BenchData.mlpFeatures(), new long[] {BenchData.MLP_BATCH, BenchData.MLP_INPUTS}, 'c');
        INDArray y = Nd4j.create(oneHot, new long[] {BenchData.MLP_BATCH, BenchData.MLP_CLASSES}, 'c');
        return new DataSet(x, y);
    }

    /** Inputs {@code [64, 1, 100]} (NCW; x[b * STEPS + t] is example b's step t) and targets {@code [64, 1]}. */
    private static DataSet lstmBatch() {
        INDArray x = Nd4j.create(BenchData.lstmInputs(), new long[] {BenchData.LSTM_BATCH, 1, BenchData.LSTM_STEPS}, 'c');
        INDArray y = Nd4j.create(BenchData.lstmTargets(), new long[] {BenchData.LSTM_BATCH, 1}, 'c');
        return new DataSet(x, y);
    }
}

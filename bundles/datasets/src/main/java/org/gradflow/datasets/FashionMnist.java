package org.gradflow.datasets;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.osgi.service.component.annotations.Component;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, "Fashion-MNIST: a Novel Image Dataset for Benchmarking
 * Machine Learning Algorithms", 2017): 60000 training and 10000 test images of 28x28 grey pixels in 10
 * clothing classes, read from a directory holding the four IDX files as Zalando publishes them and as
 * Debian's package {@code dataset-fashion-mnist} installs them in {@value #DEFAULT_DIR}:
 * {@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz},
 * {@code t10k-labels-idx1-ubyte.gz} (each also found without {@code .gz}, decompressed). Pixels are
 * scaled to [0, 1]; with a limit, the first N examples of each file are taken (the files are shuffled,
 * so they are close to class-balanced), the same on every run.
 *
 * <p>When the directory does not exist (or holds none of the files) and {@code fallback=synthetic}, the
 * {@link Synthetic} data set of the same shape is generated instead and the description says so; with
 * {@code fallback=none} (the default) that is an error telling how to install the data.
 */
@Component(service = Dataset.class)
@GradflowComponent(name = "fashion-mnist", description = "Fashion-MNIST, 28x28 clothing images in 10 classes")
public final class FashionMnist implements Dataset {
    static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    static final String[] FILES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    };
    static final ParameterSpec DIR = ParameterSpec.text("dir", DEFAULT_DIR,
            "directory holding the four Fashion-MNIST IDX files (.gz or not)");
    static final ParameterSpec TRAIN_LIMIT = ParameterSpec.integer("train-limit", 0,
            "use only the first N training examples (0 = all 60000)").nonNegative();
    static final ParameterSpec TEST_LIMIT = ParameterSpec.integer("test-limit", 0,
            "use only the first N test examples (0 = all 10000)").nonNegative();
    static final ParameterSpec FALLBACK = ParameterSpec.choice("fallback", "none",
            "what to use when the directory is missing: none (fail) or synthetic (generated look-alike)",
            "none", "synthetic");

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(DIR, TRAIN_LIMIT, TEST_LIMIT, FALLBACK);
    }

    @Override
    public DataSplits load(Settings settings, long seed) {
        String dirText = settings.text(DIR);
        Path dir;
        try {
            dir = Path.of(dirText).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new DataException("dataset.dir=" + dirText + " is not a valid path: " + e.getReason());
        }
        int trainLimit = settings.integer(TRAIN_LIMIT);
        int testLimit = settings.integer(TEST_LIMIT);
        Path[] files = new Path[FILES.length];
        int found = 0;
        if (Files.isDirectory(dir)) {
            for (int i = 0; i < FILES.length; i++) {
                files[i] = find(dir, FILES[i]);
                found += files[i] != null ? 1 : 0;
            }
        }
        if (found == 0) {
            String why = "Fashion-MNIST not found at " + dir
                    + (Files.exists(dir) ? " (the directory holds none of its files)" : "");
            if (settings.text(FALLBACK).equals("synthetic")) {
                return Synthetic.generate(784, 10, trainLimit > 0 ? trainLimit : Synthetic.TRAIN_DEFAULT,
                        testLimit > 0 ? testLimit : Synthetic.TEST_DEFAULT, Synthetic.NOISE_DEFAULT, seed,
                        "synthetic data (" + why + "; install the Debian package dataset-fashion-mnist to use it)");
            }
            throw new DataException(why + ". Install it (apt-get install dataset-fashion-mnist, which puts it in "
                    + DEFAULT_DIR + "), or download the four files from https://github.com/zalandoresearch/fashion-mnist"
                    + " and set dataset.dir to their directory; or set dataset.fallback=synthetic to train on"
                    + " generated data of the same shape");
        }
        for (int i = 0; i < FILES.length; i++) {
            if (files[i] == null) {
                throw new DataException("Fashion-MNIST in " + dir + " is incomplete: " + FILES[i] + ".gz (or "
                        + FILES[i] + ") is missing; the directory needs " + String.join(", ", FILES)
                        + " (each .gz or not). Reinstall dataset-fashion-mnist or download the missing file");
            }
        }
        return Idx.read("Fashion-MNIST", files[0], files[1], files[2], files[3], 10, trainLimit, testLimit);
    }

    /** {@code name.gz} or {@code name} in {@code dir}, or {@code null}. */
    private static Path find(Path dir, String name) {
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}

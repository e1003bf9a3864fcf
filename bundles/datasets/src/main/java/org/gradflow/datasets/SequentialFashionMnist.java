package org.gradflow.datasets;

import java.util.List;

import org.gradflow.api.component.GradflowComponent;
import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.DataSplits;
import org.gradflow.api.dataset.Dataset;
import org.osgi.service.component.annotations.Component;

/**
 * Fashion-MNIST read row by row (Xiao, Rasul &amp; Vollgraf 2017; the row-wise sequential reading of
 * MNIST as a recurrent benchmark follows Le, Jaitly &amp; Hinton 2015 and Arjovsky et al. 2016, who read
 * it pixel by pixel): each image is a sequence of {@value #ROWS} time steps of {@value #ROWS} pixels, the
 * top row first, and the label is predicted from the whole sequence (many-to-one classification).
 *
 * <p>The data are those of {@link FashionMnist}, with the same parameters ({@code dir},
 * {@code train-limit}, {@code test-limit}, {@code fallback}) and the same errors; with
 * {@code fallback=synthetic} the generated 784-feature images are read row by row in the same way.
 */
@Component(service = Dataset.class)
@GradflowComponent(name = "sequential-fashion-mnist", description = "Fashion-MNIST read row by row: 28 steps of 28 pixels")
public final class SequentialFashionMnist implements Dataset {
    /** Rows of a Fashion-MNIST image, the number of steps, and pixels per row. */
    static final int ROWS = 28;

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(FashionMnist.DIR, FashionMnist.TRAIN_LIMIT, FashionMnist.TEST_LIMIT, FashionMnist.FALLBACK);
    }

    @Override
    public DataSplits load(Settings settings, long seed) {
        DataSplits images = new FashionMnist().load(settings, seed);
        if (images.train().featureCount() != ROWS * ROWS) {
            throw new DataException(images.description() + ": images have " + images.train().featureCount()
                    + " pixels, not " + ROWS + " x " + ROWS + "; dataset.dir does not hold Fashion-MNIST");
        }
        return new DataSplits(images.description() + ", read row by row as " + ROWS + " steps of " + ROWS + " pixels",
                images.train().asSequence(ROWS), images.test().asSequence(ROWS));
    }
}

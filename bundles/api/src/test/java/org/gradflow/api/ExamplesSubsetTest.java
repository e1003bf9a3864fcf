package org.gradflow.api;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.gradflow.api.dataset.Examples;
import org.junit.Test;

/** Examples.subset keeps rows, labels or targets, and the sequence layout. */
public class ExamplesSubsetTest {
    @Test
    public void classificationRowsAndLabelsFollowTheIndices() {
        Examples ex = Examples.classification("t", new float[] {0, 1, 10, 11, 20, 21}, 2, new int[] {0, 1, 2}, 3);
        Examples sub = ex.subset(new int[] {2, 0});
        assertEquals(2, sub.count());
        assertArrayEquals(new float[] {20, 21, 0, 1}, sub.features(), 0);
        assertArrayEquals(new int[] {2, 0}, sub.labels());
        assertEquals(3, sub.classCount());
        assertThrows(IndexOutOfBoundsException.class, () -> ex.subset(new int[] {3}));
    }

    @Test
    public void regressionTargetsAndPerStepLayoutAreKept() {
        Examples ex = Examples.regression("t", new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, new float[] {1, 2, 3, 4}, 2)
                .asSequenceWithTargetPerStep(2);
        Examples sub = ex.subset(new int[] {1});
        assertArrayEquals(new float[] {5, 6, 7, 8}, sub.features(), 0);
        assertArrayEquals(new float[] {3, 4}, sub.targets(), 0);
        assertEquals(2, sub.steps());
        assertTrue(sub.outputPerStep());
    }
}

package org.gradflow.initializers;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.gradflow.api.component.Settings;
import org.junit.Test;

/** {@code identity}: exact values for square and both rectangular shapes; the generator is not touched. */
public class IdentityTest {
    private static final Identity IDENTITY = new Identity();

    private static double[] fill(int fanOut, int fanIn, Map<String, String> given, Random random) {
        double[] w = new double[fanOut * fanIn];
        Arrays.fill(w, Double.NaN); // every value must be written
        IDENTITY.fill(w, fanOut, fanIn, Settings.validate("initializer.", given, IDENTITY.parameters()), random);
        return w;
    }

    @Test
    public void squareIsGainTimesI() {
        assertArrayEquals(new double[] {
            1, 0, 0,
            0, 1, 0,
            0, 0, 1}, fill(3, 3, Map.of(), new Random(0)), 0);
        assertArrayEquals(new double[] {
            0.5, 0,
            0, 0.5}, fill(2, 2, Map.of("gain", "0.5"), new Random(0)), 0);
    }

    /** [fanOut, fanIn] = [2, 4]: gain at (0, 0) and (1, 1); [4, 2] likewise, extra rows zero. */
    @Test
    public void rectangularHasGainOnTheMainDiagonal() {
        assertArrayEquals(new double[] {
            2, 0, 0, 0,
            0, 2, 0, 0}, fill(2, 4, Map.of("gain", "2"), new Random(0)), 0);
        assertArrayEquals(new double[] {
            2, 0,
            0, 2,
            0, 0,
            0, 0}, fill(4, 2, Map.of("gain", "2"), new Random(0)), 0);
        assertArrayEquals(new double[] {1, 0, 0}, fill(1, 3, Map.of(), new Random(0)), 0);
        assertArrayEquals(new double[] {1, 0, 0}, fill(3, 1, Map.of(), new Random(0)), 0);
    }

    /** It draws nothing, so the run's generator is left where it was for the layers after it. */
    @Test
    public void generatorIsNotTouched() {
        Random used = new Random(11);
        fill(5, 5, Map.of(), used);
        assertEquals(new Random(11).nextLong(), used.nextLong());
    }
}

package org.gradflow.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Whether the Vector API really works in this JVM and framework. It is an incubator module: the JVM must
 * be started with {@code --add-modules jdk.incubator.vector}, and in OSGi the system bundle must export
 * the package ({@code org.osgi.framework.system.packages.extra=jdk.incubator.vector}). Without the
 * first, the classes do not exist; without the second, this bundle's optional import is not wired and
 * its class loader cannot see them. Either way the first use throws {@link NoClassDefFoundError}, which
 * {@link #problem()} turns into one line saying what to do.
 */
final class VectorApi {
    /** What to do when the Vector API is missing. */
    static final String HOW_TO_ENABLE = "start the JVM with --add-modules jdk.incubator.vector and export the package "
            + "from the framework with org.osgi.framework.system.packages.extra=jdk.incubator.vector (Gradflow's "
            + "bin/gradflow does both unless GRADFLOW_VECTOR=off)";

    private VectorApi() {
    }

    /**
     * {@code null} when the Vector API is usable here: its classes load, the preferred species is at least
     * 128 bits wide (else there is no SIMD and the ojalgo backend is as fast), a fused multiply-add and a
     * float's bits moved as an integer (the float activation kernels build powers of two that way) give the
     * right numbers. Otherwise one line: what is wrong and how to
     * enable it.
     */
    static String problem() {
        try {
            return Probe.run();
        } catch (LinkageError | RuntimeException e) {
            return "the Vector API (module jdk.incubator.vector) is not available to the vector backend (" + e
                    + "); to use it, " + HOW_TO_ENABLE;
        }
    }

    /** Loaded only inside {@link #problem()}'s try: its first line throws NoClassDefFoundError without the API. */
    private static final class Probe {
        static String run() {
            int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
            if (bits < 128) {
                return "the Vector API's preferred vectors are " + bits + " bits wide on this CPU: no SIMD to use;"
                        + " the vector backend stays off (use the ojalgo backend)";
            }
            float[] f = new float[FloatVector.SPECIES_PREFERRED.length()];
            FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 2f)
                    .fma(FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 3f), FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 1f))
                    .intoArray(f, 0);
            double[] d = new double[DoubleVector.SPECIES_PREFERRED.length()];
            DoubleVector.broadcast(DoubleVector.SPECIES_PREFERRED, 0.5).fma(4.0, -1.0).intoArray(d, 0);
            int[] shifted = new int[FloatVector.SPECIES_PREFERRED.length()];
            FloatVector.broadcast(FloatVector.SPECIES_PREFERRED, 2f).viewAsIntegralLanes().lanewise(VectorOperators.LSHL, 1)
                    .intoArray(shifted, 0);
            if (f[f.length - 1] != 7f || d[d.length - 1] != 1.0 || shifted[shifted.length - 1] != Float.floatToRawIntBits(2f) << 1) {
                return "the Vector API computed 2 * 3 + 1 = " + f[f.length - 1] + ", 0.5 * 4 - 1 = " + d[d.length - 1]
                        + ", bits(2f) << 1 = " + shifted[shifted.length - 1] + " in this JVM: the vector backend stays off";
            }
            return null;
        }
    }
}

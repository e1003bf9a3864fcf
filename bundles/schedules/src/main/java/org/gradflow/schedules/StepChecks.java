package org.gradflow.schedules;

/**
 * The argument checks shared by every schedule. The run length and the step come from the core, so a
 * bad value is a programming error ({@link IllegalArgumentException}), not a configuration error.
 */
final class StepChecks {
    private StepChecks() {
    }

    /** Checks the arguments of {@code create}: both at least 1. */
    static void run(long stepsPerEpoch, long totalSteps) {
        if (stepsPerEpoch < 1 || totalSteps < 1) {
            throw new IllegalArgumentException("a run needs stepsPerEpoch >= 1 and totalSteps >= 1: got stepsPerEpoch "
                    + stepsPerEpoch + ", totalSteps " + totalSteps);
        }
    }

    /** Checks the argument of {@code factor}: steps count from 1. */
    static long step(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1: got step " + step);
        }
        return step;
    }
}

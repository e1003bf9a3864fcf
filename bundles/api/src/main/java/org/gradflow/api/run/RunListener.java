package org.gradflow.api.run;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears about runs. Register one as a service to hear about every run (whiteboard), or pass one to
 * {@link RunManager#start} for a single run. Called on the run's thread: return quickly, never throw.
 */
@ConsumerType
public interface RunListener {
    /** Something the user should see: the data set chosen, the backend, a warning. */
    default void message(RunInfo run, String text) {
    }

    default void epochFinished(RunInfo run, EpochMetrics metrics) {
    }

    /** The run reached a final state; {@code run.message()} says why for FAILED and STOPPED. */
    default void runFinished(RunInfo run) {
    }
}

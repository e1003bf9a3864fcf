package org.gradflow.api.run;

/** Where a run is in its life. QUEUED and RUNNING are live; the others are final. */
public enum RunState {
    QUEUED, RUNNING, COMPLETED, FAILED, STOPPED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}

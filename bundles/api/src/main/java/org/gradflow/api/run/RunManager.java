package org.gradflow.api.run;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts, lists, watches and stops runs; provided by the core. Runs execute in the background on a
 * bounded executor; several may run at once.
 */
@ProviderType
public interface RunManager {
    /**
     * Resolves the spec (every key checked, every component found) and queues the run.
     *
     * @param listener hears about this run only; may be {@code null}
     * @throws org.gradflow.api.component.ConfigurationException for a bad spec; nothing is started
     */
    RunInfo start(RunSpec spec, RunListener listener);

    /** All runs of this session, oldest first. */
    List<RunInfo> runs();

    /**
     * @throws org.gradflow.api.component.GradflowException when no run has that id (listing the ids)
     */
    RunInfo get(String id);

    /** Asks the run to stop after its current step; returns at once. */
    RunInfo stop(String id);

    /** Waits until the run is final or the timeout passes, and returns its snapshot. */
    RunInfo await(String id, long timeoutMillis) throws InterruptedException;

    /** The per-layer gradient table, live while the run trains. */
    List<LayerGradientSummary> health(String id);

    /**
     * The latest verdict of the run's diagnosis (live while it trains, final once it ended), or
     * {@code null} before the first check or when no diagnosis component is installed.
     */
    org.gradflow.api.health.Verdict verdict(String id);
}

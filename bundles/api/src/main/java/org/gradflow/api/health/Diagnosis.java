package org.gradflow.api.health;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.Settings;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a run's measurements into a verdict: the service kind {@code diagnosis}, chosen with
 * {@code diagnosis=<name>} (thresholds under {@code diagnosis.<param>}). The core calls it at every
 * health check and when a run ends, and shows the verdict in {@code gradflow:health}, the run summary,
 * {@code verdicts.csv} and {@code report.html}. Plug in your own rules by registering another one.
 */
@ConsumerType
public interface Diagnosis extends Component {
    /** Classifies the snapshot; must not keep references to it. Called on the run's thread. */
    Verdict judge(HealthSnapshot snapshot, Settings settings);
}

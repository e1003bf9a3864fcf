package org.gradflow.api.component;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every component service has in common: the parameters it accepts. Each parameter is declared
 * once as a {@link ParameterSpec}; the core uses the list to validate a run spec, fill in defaults,
 * and print help. A component is a stateless singleton: per-run state lives in the objects its kind's
 * factory method creates.
 */
@ConsumerType
public interface Component {
    /** The parameters this component reads from its {@link Settings}; empty by default. */
    default List<ParameterSpec> parameters() {
        return List.of();
    }
}

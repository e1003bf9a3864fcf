package org.gradflow.backend.vector;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the {@link VectorBackend} component on only where the Vector API works. The backend component is
 * declared disabled; this immediate component (it provides no service) runs {@link VectorApi#problem()}
 * when the bundle starts and, if the probe passes, enables the backend by name through
 * {@link ComponentContext#enableComponent(String)}: SCR then registers the {@code ComputeBackend} service
 * as usual (lazily, ranked 100). If the probe fails it logs one warning saying how to enable the API, and
 * nothing is registered: the core's registry never lists a backend that would fail on first use.
 *
 * <p>Why not throw from the backend's own activation: SCR registers a delayed component's service before
 * activating it, so a backend that refuses to activate would still be visible (and chosen as the highest
 * ranked) and fail only when a run gets it. Why not register the service from code: DS annotations then
 * describe nothing, and the component properties ({@code gradflow.component.name}, the ranking) would be
 * written twice. Enabling a component of one's own bundle is what {@code ComponentContext} offers for
 * exactly this.
 */
@Component(immediate = true)
public final class VectorApiProbe {
    private static final Logger LOG = LoggerFactory.getLogger(VectorApiProbe.class);

    @Activate
    void activate(ComponentContext context) {
        String problem = VectorApi.problem();
        if (problem == null) {
            context.enableComponent(VectorBackend.COMPONENT_NAME);
        } else {
            LOG.info("vector backend not registered (the ojalgo backend serves): {}", problem); // a hint, not a fault: to the log file only
        }
    }

    @Deactivate
    void deactivate(ComponentContext context) {
        context.disableComponent(VectorBackend.COMPONENT_NAME);
    }
}

package org.gradflow.core.catalog;

import java.util.List;

import org.gradflow.api.component.Component;
import org.gradflow.api.component.ComponentCatalog;
import org.gradflow.api.component.ComponentInfo;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;

/** The {@link ComponentCatalog} service: the service registry seen through component names. */
@org.osgi.service.component.annotations.Component(service = ComponentCatalog.class)
public final class RegistryComponentCatalog implements ComponentCatalog {
    private final ComponentRegistry registry;

    @Activate
    public RegistryComponentCatalog(BundleContext context) {
        this.registry = new ComponentRegistry(context);
    }

    @Override
    public List<ComponentInfo> components() {
        return registry.components();
    }

    @Override
    public List<String> names(String kind) {
        return registry.components().stream().filter(c -> c.kind().equals(kind)).map(ComponentInfo::name)
                .distinct().toList();
    }

    @Override
    public <T extends Component> T get(Class<T> type, String name) {
        ComponentRegistry.Found<T> found = registry.find(type, name);
        // the catalog hands out a plain object; the registration stays counted for this bundle
        return found.service();
    }

    @Override
    public String kindOf(Class<?> type) {
        return ComponentRegistry.kindOf(type.getName());
    }
}

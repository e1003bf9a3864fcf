package org.gradflow.api.component;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The live list of installed components, provided by the core. It is the service registry seen
 * through component names: a bundle that registers a component makes it appear here at once, and
 * uninstalling the bundle removes it.
 */
@ProviderType
public interface ComponentCatalog {
    /** Every installed component, sorted by kind then name. */
    List<ComponentInfo> components();

    /** Installed component names of one kind, sorted. */
    List<String> names(String kind);

    /**
     * The component of this type with this name.
     *
     * @throws UnknownComponentException listing the installed names of that kind
     */
    <T extends Component> T get(Class<T> type, String name);

    /** The kind string for a component interface, e.g. {@code Activation.class} is {@code activation}. */
    String kindOf(Class<?> type);
}

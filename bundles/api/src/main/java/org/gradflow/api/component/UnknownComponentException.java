package org.gradflow.api.component;

import java.util.List;

/** A run spec names a component that no installed bundle provides. Lists the installed names of that kind. */
public class UnknownComponentException extends ConfigurationException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;
    private final List<String> installed;

    public UnknownComponentException(String kind, String name, List<String> installed) {
        this(null, kind, name, installed);
    }

    /** @param key the run-spec key that named the component ({@code schedule}), or {@code null} */
    public UnknownComponentException(String key, String kind, String name, List<String> installed) {
        super((key == null ? "" : key + "=" + name + ": ") + "unknown " + kind + " '" + name + "'; installed " + kind
                + " components: " + (installed.isEmpty() ? "(none)" : String.join(", ", installed))
                + ". Install a bundle that provides it (copy its jar into deploy/) or pick an installed name.");
        this.kind = kind;
        this.name = name;
        this.installed = List.copyOf(installed);
    }

    /** The same error, saying which run-spec key named the component. */
    public UnknownComponentException withKey(String key) {
        return new UnknownComponentException(key, kind, name, installed);
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}

package org.gradflow.api.component;

import java.util.List;

/** A run spec names a component that no installed bundle provides. Lists the installed names of that kind. */
public class UnknownComponentException extends ConfigurationException {
    private static final long serialVersionUID = 1L;
    private final String kind;
    private final String name;

    public UnknownComponentException(String kind, String name, List<String> installed) {
        super("unknown " + kind + " '" + name + "'; installed " + kind + " components: "
                + (installed.isEmpty() ? "(none)" : String.join(", ", installed))
                + ". Install a bundle that provides it (copy its jar into deploy/) or pick an installed name.");
        this.kind = kind;
        this.name = name;
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}

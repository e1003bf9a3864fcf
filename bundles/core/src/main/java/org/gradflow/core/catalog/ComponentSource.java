package org.gradflow.core.catalog;

import org.gradflow.api.component.UnknownComponentException;
import org.gradflow.core.catalog.ComponentRegistry.Found;

/** Where a run finds its components: the OSGi service registry, or a fixed set in unit tests. */
public interface ComponentSource {
    /**
     * The component of {@code type} named {@code name}; release it with {@link #release}.
     *
     * @throws UnknownComponentException listing the installed names of that kind
     */
    <T> Found<T> find(Class<T> type, String name);

    /** The highest-ranked component of {@code type}, or {@code null} when none is installed. */
    <T> Found<T> best(Class<T> type);

    /** Every installed component as {@code kind/name}, e.g. {@code activation/relu}. */
    java.util.Set<String> installed();

    /** Gives a component back. */
    void release(Found<?> found);
}

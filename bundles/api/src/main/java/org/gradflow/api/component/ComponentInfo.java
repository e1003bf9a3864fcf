package org.gradflow.api.component;

import java.util.List;

/**
 * One installed component as the catalogue lists it.
 *
 * @param kind       kebab-case kind, e.g. {@code activation}
 * @param name       the name a run spec uses, e.g. {@code relu}
 * @param bundle     symbolic name and version of the bundle that provides it
 * @param ranking    the service ranking (backends pick the highest)
 */
public record ComponentInfo(String kind, String name, String description, List<ParameterSpec> parameters,
        String bundle, int ranking) {
}

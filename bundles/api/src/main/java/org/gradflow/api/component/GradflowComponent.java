package org.gradflow.api.component;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Marks a Declarative Services component as a Gradflow component and gives it its user-facing name.
 * Put it next to {@code @Component(service = Activation.class)} (or the interface of another kind):
 *
 * <pre>
 * &#64;Component(service = Activation.class)
 * &#64;GradflowComponent(name = "relu", description = "rectified linear unit")
 * public final class Relu implements Activation, ActivationFunction { ... }
 * </pre>
 *
 * <p>The core finds components only through these service properties. A component's <em>kind</em> is
 * the first service interface it is registered under, written in kebab-case ({@code Activation} is
 * {@code activation}, {@code GradientClipper} is {@code gradient-clipper}), so a new kind needs no
 * change in the core: declare its interface in an API package and register components under it.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GradflowComponent {
    /** Prefix of the generated service properties. */
    String PREFIX_ = "gradflow.component.";
    /** Service property holding the component's name. */
    String NAME_PROPERTY = "gradflow.component.name";
    /** Service property holding the one-line description. */
    String DESCRIPTION_PROPERTY = "gradflow.component.description";
    /** Optional service property that overrides the kind derived from the service interface. */
    String KIND_PROPERTY = "gradflow.component.kind";

    /** The name users type in a run spec: lower-case, kebab-case ({@code leaky-relu}). */
    String name();

    /** One line for the component listing. */
    String description() default "";
}

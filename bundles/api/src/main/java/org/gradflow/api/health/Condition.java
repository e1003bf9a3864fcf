package org.gradflow.api.health;

/** What a check found, from the most to the least urgent after {@link #DIVERGED}. */
public enum Condition {
    /** The loss or a gradient became NaN or infinite. */
    DIVERGED,
    /** Gradients grow on their way back (through layers or through time) so much that updates are unstable. */
    EXPLODING,
    /** Gradients shrink on their way back so much that the early layers (or early time steps) barely learn. */
    VANISHING,
    /** Many units of a bounded activation (sigmoid, tanh) sit where its derivative is nearly 0. */
    SATURATED,
    /** Many units have a derivative of exactly 0 for every example (dead ReLUs). */
    DEAD_UNITS,
    /** None of the above. */
    HEALTHY;

    /** The lower-case word used in files and tables, e.g. {@code dead-units}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

/**
 * The default diagnosis, {@code standard}: one DS component ({@link org.gradflow.diagnosis.Standard})
 * that turns a {@code HealthSnapshot} into a {@code Verdict} by six rules in priority order (diverged,
 * exploding, vanishing, saturated, dead units, healthy). Private: the core finds it through the service
 * registry by its {@code gradflow.component.name} (run spec {@code diagnosis=standard}, thresholds
 * {@code diagnosis.<param>}).
 *
 * <p>Helpers: {@code Layers} selects and summarizes the measured layers (NaN figures are skipped
 * everywhere), {@code Remedies} keeps only the remedies that are installed and not already in use,
 * {@code Numbers} formats figures with {@code Locale.ROOT}. Like every plugin, the component is a
 * stateless singleton: no I/O, no logging, and nothing of a snapshot is kept after {@code judge}.
 */
package org.gradflow.diagnosis;

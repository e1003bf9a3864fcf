/**
 * The learning-rate schedules, one DS component per file: {@code constant}, {@code step},
 * {@code exponential}, {@code cosine}. Private: the core finds them through the service registry by
 * their {@code gradflow.component.name} (run spec {@code schedule=<name>}, parameters
 * {@code schedule.<param>}).
 *
 * <p>Every schedule follows one skeleton: parameters declared once as {@code ParameterSpec}s; the
 * service is a stateless singleton whose {@code create} returns a {@code ScheduleRule} holding only the
 * validated settings and the run's length, so the rule is a pure function of the step and may be
 * called in any order, any number of times. Conventions common to all:
 * <ul>
 * <li>Steps count from 1: step {@code t} is the {@code t}-th optimizer update of the run. With
 *     {@code S} steps per epoch, step {@code t} lies in epoch {@code floor((t-1)/S) + 1}; "per epoch"
 *     schedules change the factor on the first step of an epoch and hold it for the whole epoch, as
 *     PyTorch's {@code StepLR} and {@code ExponentialLR} do when {@code scheduler.step()} is called once
 *     per epoch.</li>
 * <li>Every schedule here starts at factor 1 at step 1 and never increases: the factor is in
 *     {@code [0, 1]}, finite, and non-increasing in the step (also after rounding; the tests check
 *     this over whole runs). Warmup is not a schedule's business: the core multiplies by
 *     {@code min(1, t / warmup-steps)}.</li>
 * <li>The factor is computed in closed form from {@code t}, not by repeated multiplication, so it does
 *     not depend on which steps were asked for before.</li>
 * <li>{@code create} rejects {@code stepsPerEpoch < 1} or {@code totalSteps < 1}, and a rule rejects
 *     {@code t < 1}, with {@link IllegalArgumentException}: these come from the core, not the user (see
 *     {@link org.gradflow.schedules.StepChecks}). A step past {@code totalSteps} is answered, not
 *     rejected.</li>
 * </ul>
 *
 * <p>To add a schedule: one class here, and one entry (with hand-computed factors) in the test table
 * {@code ScheduleCases}.
 */
package org.gradflow.schedules;

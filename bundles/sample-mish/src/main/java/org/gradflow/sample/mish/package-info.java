/**
 * A sample plugin bundle that shows hot deployment: it adds the activation {@code mish} to a running
 * Gradflow without a restart. It is a complete third-party plugin in one class,
 * {@link org.gradflow.sample.mish.Mish}: a Declarative Services component registered under
 * {@code org.gradflow.api.activation.Activation} with the property {@code gradflow.component.name=mish}.
 * It depends on the Gradflow API bundle only, exports nothing, and needs no Activator.
 *
 * <h2>Deploying it</h2>
 * The reactor builds it ({@code bundles/sample-mish/target/sample-mish-<version>.jar}, symbolic name
 * {@code org.gradflow.sample.mish}) but the launcher does not install it, so a fresh Gradflow has no
 * {@code mish}: a run spec with {@code activation=mish} is refused with the list of installed
 * activations. To add it while Gradflow runs:
 * <ol>
 * <li>build it: {@code cd bundles/sample-mish && mvn install};</li>
 * <li>copy the jar into the {@code deploy/} folder of the running instance (the folder Apache Felix
 *     FileInstall watches):
 *     {@code cp bundles/sample-mish/target/sample-mish-*.jar deploy/};</li>
 * <li>within FileInstall's poll interval (about two seconds) the bundle is installed and started, DS
 *     registers the service, and {@code mish} appears in the component listing; runs started from then
 *     on may use {@code activation=mish}.</li>
 * </ol>
 * To un-deploy, delete the jar from {@code deploy/}: the bundle is uninstalled and {@code mish}
 * disappears from the listing. Because the component is a stateless singleton and each run holds only
 * the {@code ActivationFunction} it was given, nothing else has to be restarted. In Apache Karaf, copy
 * the jar into Karaf's own {@code deploy/} folder, or use {@code bundle:install}.
 *
 * <h2>Writing your own</h2>
 * Copy this module: one class implementing {@code Activation} and {@code ActivationFunction}, annotated
 * with {@code @Component(service = Activation.class)} and {@code @GradflowComponent(name = ...)}; the
 * bnd-maven-plugin generates the DS descriptor and the manifest. Test it as {@code MishTest} does: a
 * finite-difference check of the derivative, known values, and extremes.
 */
package org.gradflow.sample.mish;

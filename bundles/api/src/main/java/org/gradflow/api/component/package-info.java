/**
 * Component metadata shared by every kind: the service properties, declared parameters, validated settings, the catalogue, and the errors that name the problem and the fix.
 */
@Export
@Version("1.0.0")
package org.gradflow.api.component;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

package org.gradflow.api.component;

/**
 * A run spec or a component parameter is wrong: an unknown key, a value out of range, an unknown
 * component name. The message names the key, the value and what is allowed.
 */
public class ConfigurationException extends GradflowException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}

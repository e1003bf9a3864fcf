package org.gradflow.api.component;

/**
 * Base of every error Gradflow reports to a user. The message names the problem and, where there is
 * one, the fix (what to type or install); it is meant to be printed as it is, without a stack trace.
 */
public class GradflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GradflowException(String message) {
        super(message);
    }

    public GradflowException(String message, Throwable cause) {
        super(message, cause);
    }
}

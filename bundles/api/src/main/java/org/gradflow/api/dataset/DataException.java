package org.gradflow.api.dataset;

import org.gradflow.api.component.GradflowException;

/** Data could not be read or is not valid: the message names the file and the position. */
public class DataException extends GradflowException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.gradflow.launcher;

import java.lang.reflect.Method;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The launcher's way into the log file. The launcher sits outside OSGi and has no slf4j on its class
 * path, so it borrows slf4j's {@code Logger} from the slf4j-api bundle (start level 2) by reflection;
 * logback, behind it, writes to {@code <base>/log/}. Until {@link #attach} and after {@link #detach}
 * messages are dropped (errors are shown on stderr by the caller anyway).
 */
final class BundleLog {
    private volatile Object logger;
    private Method info;
    private Method error;

    void attach(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            if ("slf4j.api".equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                try {
                    Class<?> loggerType = bundle.loadClass("org.slf4j.Logger");
                    info = loggerType.getMethod("info", String.class);
                    error = loggerType.getMethod("error", String.class, Throwable.class);
                    logger = bundle.loadClass("org.slf4j.LoggerFactory")
                            .getMethod("getLogger", String.class).invoke(null, "org.gradflow.launcher");
                } catch (ReflectiveOperationException | RuntimeException e) {
                    Main.ERR.println("warning: the launcher cannot log through slf4j: " + Main.message(e));
                }
                return;
            }
        }
    }

    void detach() {
        logger = null;
    }

    void info(String message) {
        call(info, message);
    }

    void error(String message, Throwable cause) {
        call(error, message, cause);
    }

    private void call(Method method, Object... args) {
        Object target = logger;
        if (target != null) {
            try {
                method.invoke(target, args);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Logging must never break a command; the message is lost.
            }
        }
    }
}

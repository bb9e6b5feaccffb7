package org.cordon.shared.events;

import java.lang.reflect.Method;

import org.cordon.shared.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * How a failed reaction (an asynchronous {@code @ApplicationModuleListener}) is logged. Its event
 * publication stays incomplete and {@link EventPublicationMaintenance} hands it to the listener
 * again, so a reaction cut off by a database outage is no error: one WARN line, not a stack trace
 * per queued event (an outage during a burst of registrations otherwise writes tens of thousands).
 * Any other failure is logged as an error with its stack trace.
 */
@Configuration(proxyBeanMethods = false)
class ReactionFailureLogging implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReactionFailureLogging.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return ReactionFailureLogging::log;
    }

    static void log(Throwable failure, Method method, Object... params) {
        String reaction = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + String.join(", ", java.util.Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList()) + ")";
        if (DatabaseUnavailable.isCause(failure)) {
            log.warn("Reaction {} deferred, the database is unavailable; it will be resubmitted", reaction);
        } else {
            log.error("Reaction {} failed; it will be resubmitted", reaction, failure);
        }
    }
}

package org.cordon.shared.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The error page's attributes ({@link ErrorPages.Attributes}) and the page answer for an unknown address. */
@Configuration(proxyBeanMethods = false)
class ErrorPagesConfiguration {

    @Bean
    ErrorAttributes errorAttributes() {
        return new ErrorPages.Attributes();
    }

    /**
     * An address no controller or static file answers: a browser asking for a page gets the styled 404 page (through
     * the error dispatch, like every other error page) instead of the problem document Spring MVC would send, which a
     * browser shows as raw JSON. Scripts, styles, images and API clients keep the problem.
     */
    @ControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class UnknownAddress {

        @ExceptionHandler(NoResourceFoundException.class)
        @ResponseBody
        ProblemDetail notFound(NoResourceFoundException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
            String accept = request.getHeader(HttpHeaders.ACCEPT);
            if (accept != null && accept.contains("text/html") && !ErrorPages.wantsProblem(request)) {
                response.sendError(HttpStatus.NOT_FOUND.value());
                return null;
            }
            return e.getBody();
        }
    }
}

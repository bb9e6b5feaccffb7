package org.cordon.shared.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages' answer to a parameter refused before the handler ran ({@link UnsafeParameterException}): a 400 page that
 * lists each field with its message, in the page's language, and links back; nothing was saved. (The API's
 * {@link ApiExceptionHandler}, consulted first, answers the same refusal with a problem.) A name with an
 * invisible character is refused later, by the form's own validation, and shown next to its field.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageInputProblems {

    private final MessageSource messages;

    PageInputProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(UnsafeParameterException.class)
    ModelAndView unsafe(UnsafeParameterException e, Locale locale, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.BAD_REQUEST);
        page.addObject("status", HttpStatus.BAD_REQUEST.value());
        page.addObject("fieldProblems", FieldErrors.of(e, messages, locale));
        return page;
    }
}

package org.cordon.shared.web;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.TypedNumber;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Numbers of page forms, once for all: a form field bound to {@link BigDecimal}, {@link Double}, {@link Integer} or
 * {@link Long} takes what {@link TypedNumber} reads ("3,500", "3 500", "1,234.5" in the page's language); a text that
 * is no number is a binding error of that field (the form's message "… is not in a valid format"). Forms whose
 * fields are text read them with {@link TypedNumber} themselves. Requests under {@code /api/} keep Spring's strict
 * conversion: the JSON API takes numbers only.
 */
@ControllerAdvice
class PageNumberBinding {

    @InitBinder
    void numbers(WebDataBinder binder, HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return;
        }
        binder.registerCustomEditor(BigDecimal.class, new Editor(b -> b));
        binder.registerCustomEditor(Double.class, new Editor(BigDecimal::doubleValue));
        binder.registerCustomEditor(Integer.class, new Editor(BigDecimal::intValueExact));
        binder.registerCustomEditor(Long.class, new Editor(BigDecimal::longValueExact));
    }

    private static final class Editor extends PropertyEditorSupport {

        private final Function<BigDecimal, Object> convert;

        Editor(Function<BigDecimal, Object> convert) {
            this.convert = convert;
        }

        @Override
        public void setAsText(String text) {
            Locale locale = LocaleContextHolder.getLocale();
            try {
                BigDecimal value = TypedNumber.parse(text, locale);
                setValue(value == null ? null : convert.apply(value));
            } catch (InvalidValueException | ArithmeticException e) {
                throw new IllegalArgumentException("Not a number: " + text.length() + " characters");
            }
        }

        @Override
        public String getAsText() {
            Object value = getValue();
            return value instanceof BigDecimal b ? b.toPlainString() : value == null ? "" : value.toString();
        }
    }
}

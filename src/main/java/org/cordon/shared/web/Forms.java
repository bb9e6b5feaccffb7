package org.cordon.shared.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.cordon.shared.ValidationFailedException;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one handling of a rejected form in page controllers. A form either answers its page again in place
 * ({@link #attempt}, {@link #errors}) or redirects ({@link #submit}, {@link #reject}); either way the page gets
 * the messages per field as {@code errors} (shown by {@code fragments/field}), and after a redirect also the
 * form that was rejected ({@code errorsFor}) and the values entered ({@code entered}) when the page needs them.
 */
@Component
public class Forms {

    /**
     * The one success message of an action that changed something, shown by the layout's header on the next page
     * ({@code #succeeded}, a polite live region): a {@link MessageSourceResolvable} of a message key and its arguments.
     */
    public static final String SUCCEEDED = "succeeded";

    /** Messages per field of the rejected form. */
    public static final String ERRORS = FormDialect.ERRORS;
    /** Which of several forms on a page was rejected. */
    public static final String ERRORS_FOR = "errorsFor";
    /** The values entered in the rejected form, to show them again. */
    public static final String ENTERED = "entered";

    private final MessageSource messages;

    Forms(MessageSource messages) {
        this.messages = messages;
    }

    /** The messages per field of a rejected form, in the page's language. */
    public Map<String, String> errors(ValidationFailedException e, Locale locale) {
        return FieldErrors.of(e, messages, locale);
    }

    /** The fields whose values could not be bound (a date or number that is none), in the page's language. */
    public Map<String, String> errors(BindingResult binding, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError e : binding.getFieldErrors()) {
            errors.put(e.getField(), messages.getMessage("validation.field.format", new Object[] {String.valueOf(e.getRejectedValue())},
                    locale));
        }
        return errors;
    }

    /**
     * Runs a form that answers in place: the view of {@code action}, or, when the form is rejected, the form
     * page that {@code rejected} makes from the messages per field.
     */
    public String attempt(Supplier<String> action, Locale locale, Function<Map<String, String>, String> rejected) {
        try {
            return action.get();
        } catch (ValidationFailedException e) {
            return rejected.apply(errors(e, locale));
        }
    }

    /** Tells the next page that the action changed what it should, in the message {@code key} with {@code args}. */
    public static void succeeded(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute(SUCCEEDED, new DefaultMessageSourceResolvable(new String[] {key}, args, key));
    }

    /** A form rejected before a redirect: its messages go to the next page as {@code errors}. */
    public Rejection reject(ValidationFailedException e, Locale locale, RedirectAttributes redirect) {
        redirect.addFlashAttribute(ERRORS, errors(e, locale));
        return new Rejection(redirect);
    }

    /**
     * Runs a form that redirects whatever happens: when rejected, its messages go to the next page as
     * {@code errors}; the answer then tells the next page what it needs on success or on rejection.
     */
    public Submission submit(Runnable action, Locale locale, RedirectAttributes redirect) {
        try {
            action.run();
            return new Submission(redirect, null);
        } catch (ValidationFailedException e) {
            return new Submission(redirect, reject(e, locale, redirect));
        }
    }

    /** What the page after the redirect gets of a rejected form, besides the messages. */
    public static final class Rejection {

        private final RedirectAttributes redirect;

        private Rejection(RedirectAttributes redirect) {
            this.redirect = redirect;
        }

        /** Which form of the page was rejected ({@code errorsFor}). */
        public Rejection form(String formId) {
            redirect.addFlashAttribute(ERRORS_FOR, formId);
            return this;
        }

        /** The values entered ({@code entered}), to fill the form in again. */
        public Rejection entered(Object values) {
            redirect.addFlashAttribute(ENTERED, values);
            return this;
        }

        /** Anything else the page shows again after the rejection. */
        public Rejection with(String name, Object value) {
            redirect.addFlashAttribute(name, value);
            return this;
        }
    }

    /** A form that was run before a redirect: done, or rejected with its messages already passed on. */
    public static final class Submission {

        private final RedirectAttributes redirect;
        private final Rejection rejection;

        private Submission(RedirectAttributes redirect, Rejection rejection) {
            this.redirect = redirect;
            this.rejection = rejection;
        }

        public boolean rejected() {
            return rejection != null;
        }

        /** When done: tells the next page so ({@code name} → {@code value}, e.g. {@code saved}). */
        public Submission done(String name, Object value) {
            if (rejection == null) {
                redirect.addFlashAttribute(name, value);
            }
            return this;
        }

        /** When done: the layout's success message ({@link Forms#succeeded}) on the next page. */
        public Submission succeeded(String key, Object... args) {
            if (rejection == null) {
                Forms.succeeded(redirect, key, args);
            }
            return this;
        }

        /** When rejected: which form of the page it was ({@code errorsFor}). */
        public Submission form(String formId) {
            if (rejection != null) {
                rejection.form(formId);
            }
            return this;
        }

        /** When rejected: the values entered ({@code entered}). */
        public Submission entered(Object values) {
            if (rejection != null) {
                rejection.entered(values);
            }
            return this;
        }

        /** When rejected: anything else the page shows again. */
        public Submission with(String name, Object value) {
            if (rejection != null) {
                rejection.with(name, value);
            }
            return this;
        }
    }
}

package org.cordon.shared.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.RateLimitedException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;

/**
 * Turns errors of the JSON API into RFC 9457 problem details with per-field messages in the
 * request's language: {@code {"type":…, "title":…, "status":400, "errors":[{"field":…, "code":…,
 * "message":…}]}}. Ordered before Boot's own problem-details handler so that every API error is
 * localised.
 */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler {

    private final MessageSource messages;
    private final DataSize maxUploadSize;

    ApiExceptionHandler(MessageSource messages, @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxUploadSize) {
        this.messages = messages;
        this.maxUploadSize = maxUploadSize;
    }

    @ExceptionHandler(ValidationFailedException.class)
    ProblemDetail invalid(ValidationFailedException e) {
        return validationProblem(e.problems());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), "validation.field.invalid", error.getDefaultMessage()));
        }
        return validationProblem(problems);
    }

    /**
     * A body that could not be read: over {@code cordon.http.max-body-size} (413), or a value refused or of the wrong
     * type where Jackson knows the field (400 naming it: {@code occupants[0].name}), else 400 "unreadable".
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        RequestBodyTooLargeException tooLarge = cause(e, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, RequestBodyLimitFilter.TOO_LARGE_TYPE, "problem.bodyTooLarge",
                    String.valueOf(tooLarge.limit() / 1024));
        }
        FieldProblem field = JsonFieldProblems.of(cause(e, JacksonException.class));
        if (field != null) {
            return validationProblem(List.of(field));
        }
        return problem(HttpStatus.BAD_REQUEST, "urn:cordon:problem:unreadable", "problem.unreadable");
    }

    /** A value as a message quotes it: at most 50 characters (a 100,000-character parameter is not echoed back). */
    static String quoted(String value) {
        return value.codePointCount(0, value.length()) <= 50 ? value : value.substring(0, value.offsetByCodePoints(0, 50)) + "…";
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return validationProblem(List.of(new FieldProblem(e.getName(), "validation.field.format", quoted(String.valueOf(e.getValue())))));
    }

    /**
     * 413 for an upload beyond {@code spring.servlet.multipart.max-file-size} / {@code max-request-size}. Multipart
     * requests are parsed lazily ({@code spring.servlet.multipart.resolve-lazily}), so this is raised while the
     * controller's arguments are resolved and the API's handler answers it, not the servlet container's error page.
     * Tomcat's own {@link SizeException} comes (as the cause of its {@code InvalidParameterException}) when something
     * reads a request parameter first, e.g. the locale's {@code lang}.
     */
    @ExceptionHandler({MaxUploadSizeExceededException.class, SizeException.class})
    ProblemDetail tooLarge(Exception e) {
        return Problems.problem(messages, LocaleContextHolder.getLocale(), HttpStatus.CONTENT_TOO_LARGE,
                "urn:cordon:problem:too-large", "problem.tooLarge", uploadLimitMegabytes(maxUploadSize));
    }

    /** The upload limit in whole megabytes, as the messages show it. */
    public static long uploadLimitMegabytes(DataSize limit) {
        return Math.max(1, limit.toMegabytes());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "urn:cordon:problem:forbidden", "problem.forbidden");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "urn:cordon:problem:not-found", "problem.notFound");
    }

    /** 429 with {@code Retry-After} (seconds), e.g. exact searches by ID or phone beyond the account's allowance. */
    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        ProblemDetail problem = Problems.problem(messages, LocaleContextHolder.getLocale(), HttpStatus.TOO_MANY_REQUESTS,
                "urn:cordon:problem:rate-limited", "problem.rateLimited", e.retryAfterSeconds());
        problem.setProperty("retryAfter", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()))
                .body(problem);
    }

    private ProblemDetail validationProblem(List<FieldProblem> problems) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "urn:cordon:problem:validation", "problem.validation");
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldProblem p : problems) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", p.field());
            error.put("code", p.code());
            error.put("message", messages.getMessage(p.code(), p.args(), p.code(), locale));
            errors.add(error);
        }
        problem.setProperty("errors", errors);
        return problem;
    }

    private ProblemDetail problem(HttpStatus status, String type, String code, Object... detailArgs) {
        return Problems.problem(messages, LocaleContextHolder.getLocale(), status, type, code, detailArgs);
    }
}

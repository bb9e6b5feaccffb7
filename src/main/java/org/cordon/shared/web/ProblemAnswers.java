package org.cordon.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Answers a request that is refused before Spring MVC sees it (by a filter or Spring Security's firewall) in the
 * request's language: API calls and JSON clients get an RFC 9457 problem ({@link Problems#write}), browsers a small
 * page ({@code templates/problem.html}, which needs neither the layout nor a signed-in user).
 */
final class ProblemAnswers {

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ObjectProvider<ITemplateEngine> templates;
    private volatile JakartaServletWebApplication webApplication;

    ProblemAnswers(MessageSource messages, LocaleResolver locales, ObjectProvider<ITemplateEngine> templates) {
        this.messages = messages;
        this.locales = locales;
        this.templates = templates;
    }

    /** Answers {@code status} with the problem titled {@code code} (detail {@code code.detail} with {@code args}). */
    void answer(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type, String code, Object... args)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Locale locale = locale(request);
        ProblemDetail problem = Problems.problem(messages, locale, status, type, code, args);
        response.resetBuffer();
        if (DatabaseUnavailableFilter.wantsJson(request)) {
            Problems.write(problem, request, response);
        } else {
            response.setStatus(status.value());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(page(request, response, locale, status, problem.getTitle(), problem.getDetail()));
        }
        response.flushBuffer();
    }

    private Locale locale(HttpServletRequest request) {
        try {
            return locales.resolveLocale(request);
        } catch (RuntimeException e) {
            return Locale.SIMPLIFIED_CHINESE;
        }
    }

    private String page(HttpServletRequest request, HttpServletResponse response, Locale locale, HttpStatus status, String title,
                        String detail) {
        ITemplateEngine engine = templates.getIfAvailable();
        if (engine != null) {
            try {
                WebContext context = new WebContext(webApplication(request).buildExchange(request, response), locale,
                        Map.of("title", title, "detail", detail, "status", status.value()));
                return engine.process("problem", context);
            } catch (RuntimeException e) {
                log.warn("The problem page could not be rendered ({}); answering a plain one", e.toString());
            }
        }
        return "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>"
                + HtmlUtils.htmlEscape(detail) + "</p><p>" + status.value() + "</p></body></html>";
    }

    private JakartaServletWebApplication webApplication(HttpServletRequest request) {
        JakartaServletWebApplication application = webApplication;
        if (application == null) {
            application = JakartaServletWebApplication.buildApplication(request.getServletContext());
            webApplication = application;
        }
        return application;
    }
}

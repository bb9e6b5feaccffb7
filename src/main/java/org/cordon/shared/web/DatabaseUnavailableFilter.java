package org.cordon.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Answers every request that fails because the database cannot be reached (see
 * {@link DatabaseUnavailable#isCause}) with {@code 503 Service Unavailable} and {@code Retry-After}
 * instead of a 500: API calls ({@code /api/**}, or clients that ask for JSON) get an RFC 9457
 * problem ({@code urn:cordon:problem:unavailable}), pages a small page, both in the request's
 * language. Registered before Spring Security, so failures in controllers, views and the sign-in
 * filters are all covered. One WARN line per such request, no stack trace: an outage would
 * otherwise flood the log.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    /** Seconds a client should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;
    static final String PROBLEM_TYPE = "urn:cordon:problem:unavailable";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final ObjectProvider<ITemplateEngine> templates;
    private volatile JakartaServletWebApplication webApplication;

    DatabaseUnavailableFilter(MessageSource messages, LocaleResolver locales, ObjectProvider<ITemplateEngine> templates) {
        this.messages = messages;
        this.locales = locales;
        this.templates = templates;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e)) {
                throw e;
            }
            log.warn("Database unavailable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
                    DatabaseUnavailable.rootMessage(e));
            if (response.isCommitted()) {
                throw e;   // part of the answer is on its way: nothing better than breaking it off
            }
            respond(request, response);
        }
    }

    private void respond(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = locale(request);
        response.reset();
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        ProblemDetail problem = Problems.problem(messages, locale, HttpStatus.SERVICE_UNAVAILABLE, PROBLEM_TYPE, "problem.unavailable",
                RETRY_AFTER_SECONDS);
        if (wantsJson(request)) {
            Problems.write(problem, request, response);
        } else {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(page(request, response, locale, problem.getTitle(), problem.getDetail()));
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

    private String page(HttpServletRequest request, HttpServletResponse response, Locale locale, String title, String detail) {
        ITemplateEngine engine = templates.getIfAvailable();
        if (engine != null) {
            try {
                WebContext context = new WebContext(webApplication(request).buildExchange(request, response), locale,
                        Map.of("title", title, "detail", detail, "retryAfter", RETRY_AFTER_SECONDS));
                return engine.process("unavailable", context);
            } catch (RuntimeException e) {
                log.warn("The unavailable page could not be rendered ({}); answering a plain one", e.toString());
            }
        }
        return "<!DOCTYPE html><html lang=\"" + locale.toLanguageTag() + "\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>"
                + HtmlUtils.htmlEscape(detail) + "</p></body></html>";
    }

    private JakartaServletWebApplication webApplication(HttpServletRequest request) {
        JakartaServletWebApplication application = webApplication;
        if (application == null) {
            application = JakartaServletWebApplication.buildApplication(request.getServletContext());
            webApplication = application;
        }
        return application;
    }

    /** API paths, and clients that accept JSON but not HTML (pages' htmx requests ask for HTML). */
    static boolean wantsJson(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("json") && !accept.contains("text/html");
    }
}

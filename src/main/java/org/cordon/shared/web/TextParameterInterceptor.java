package org.cordon.shared.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses, before any handler runs, a request whose parameters — query string and form post (of an upload: its query
 * string; the parts are the controller's to read) — or path variables hold a control character other than tab, line feed and
 * carriage return, or a lone surrogate ({@link TextRules#forbiddenControl}), or are a date outside the years
 * {@value RequestJson#MIN_YEAR}–{@value RequestJson#MAX_YEAR} ({@link RequestJson#implausibleDate}), with
 * {@link UnsafeParameterException} naming each such parameter. Pages parse their forms by hand, so this is the one
 * place where every parameter is seen. JSON bodies are checked as they are read ({@link RequestJson}).
 */
class TextParameterInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : parameters(request).entrySet()) {
            String name = parameter.getKey();
            Optional<FieldProblem> problem = TextRules.controlProblem(name, name);
            for (int i = 0; problem.isEmpty() && i < parameter.getValue().length; i++) {
                problem = problem(name, parameter.getValue()[i]);
            }
            problem.ifPresent(problems::add);
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> problem(String.valueOf(name), String.valueOf(value)).ifPresent(problems::add));
        }
        if (!problems.isEmpty()) {
            throw new UnsafeParameterException(problems);
        }
        return true;
    }

    /**
     * The request's parameters; of an upload only those of the query string: its parts are read lazily by the
     * controller, which answers an upload beyond the limits in the user's language (README "Upload limits"), so
     * nothing here may make the container parse them first.
     */
    private static Map<String, String[]> parameters(HttpServletRequest request) {
        if (!RequestBodyLimitFilter.isMultipart(request)) {
            return request.getParameterMap();
        }
        Map<String, String[]> query = new LinkedHashMap<>();
        String queryString = request.getQueryString();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, new String[] {value}, (a, b) -> {
                    String[] both = Arrays.copyOf(a, a.length + 1);
                    both[a.length] = b[0];
                    return both;
                });
            } catch (IllegalArgumentException malformed) {
                // the container refuses a broken query string itself (RequestBodyLimitFilter)
            }
        }
        return query;
    }

    private static Optional<FieldProblem> problem(String name, String value) {
        Optional<FieldProblem> control = TextRules.controlProblem(name, value);
        if (control.isPresent() || !RequestJson.implausibleDate(value)) {
            return control;
        }
        return Optional.of(RequestJson.dateRangeProblem(name));
    }
}

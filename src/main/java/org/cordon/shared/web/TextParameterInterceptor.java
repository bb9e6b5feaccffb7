package org.cordon.shared.web;

import java.util.ArrayList;
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
 * Refuses, before any handler runs, a request whose parameters — query string, form post, the text fields of a
 * multipart upload (resolved by then) — or path variables hold a control character other than tab, line feed and
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
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
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

    private static Optional<FieldProblem> problem(String name, String value) {
        Optional<FieldProblem> control = TextRules.controlProblem(name, value);
        if (control.isPresent() || !RequestJson.implausibleDate(value)) {
            return control;
        }
        return Optional.of(RequestJson.dateRangeProblem(name));
    }
}

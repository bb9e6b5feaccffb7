package org.cordon.shared.web;

import java.lang.reflect.Method;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses, before any handler runs, a request whose parameters — query string, form post, the text fields of a
 * multipart upload (resolved by then) — or path variables hold a control character other than tab, line feed and
 * carriage return, or a lone surrogate ({@link TextRules#forbiddenControl}), with {@link UnsafeParameterException}
 * naming each such parameter; also a date parameter outside the years {@value RequestJson#MIN_YEAR}–{@value
 * RequestJson#MAX_YEAR}. JSON bodies are checked as they are read ({@link RequestJson}).
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
            var problem = TextRules.controlProblem(name, name);
            if (problem.isEmpty()) {
                for (String value : parameter.getValue()) {
                    problem = TextRules.controlProblem(name, value);
                    if (problem.isPresent()) {
                        break;
                    }
                }
            }
            problem.ifPresent(problems::add);
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> TextRules.controlProblem(String.valueOf(name), String.valueOf(value))
                    .ifPresent(problems::add));
        }
        if (problems.isEmpty()) {
            dates((HandlerMethod) handler, request, problems);
        }
        if (!problems.isEmpty()) {
            throw new UnsafeParameterException(problems);
        }
        return true;
    }

    /**
     * Date parameters of the years {@value RequestJson#MIN_YEAR}–{@value RequestJson#MAX_YEAR} only, as in JSON
     * bodies ({@link RequestJson}): {@code +999999999-12-31} is a valid ISO date that overflows the first day added.
     * A value that is no ISO date is left to the handler's binding (400 with the parameter named).
     */
    private void dates(HandlerMethod handler, HttpServletRequest request, List<FieldProblem> problems) {
        for (String name : dateParameters.computeIfAbsent(handler.getMethod(), m -> dateParameterNames(handler))) {
            String value = request.getParameter(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            Object parsed;
            try {
                String v = value.strip();
                parsed = v.indexOf('T') < 0 ? LocalDate.parse(v) : LocalDateTime.parse(v);
            } catch (DateTimeException notIso) {
                continue;
            }
            if (!RequestJson.plausibleYear(parsed)) {
                problems.add(new FieldProblem(name, RequestJson.DATE_RANGE, String.valueOf(RequestJson.MIN_YEAR),
                        String.valueOf(RequestJson.MAX_YEAR)));
            }
        }
    }

    private final Map<Method, List<String>> dateParameters = new ConcurrentHashMap<>();

    private static List<String> dateParameterNames(HandlerMethod handler) {
        List<String> names = new ArrayList<>();
        for (MethodParameter p : handler.getMethodParameters()) {
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            Class<?> type = p.getParameterType();
            if (param != null && (type == LocalDate.class || type == LocalDateTime.class)) {
                String name = !param.name().isEmpty() ? param.name() : p.getParameterName();
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }
}

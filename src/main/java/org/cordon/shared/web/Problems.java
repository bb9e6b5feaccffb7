package org.cordon.shared.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one builder of the API's RFC 9457 problem details: title from the message {@code code}, detail from
 * {@code code.detail}, both in the request's language. {@link ApiExceptionHandler} returns them to Spring MVC;
 * filters and Spring Security's handlers, which answer before Spring MVC, write them with {@link #write}.
 */
public final class Problems {

    private Problems() {
    }

    /** A problem of {@code status}, titled by the message {@code code} and detailed by {@code code.detail}. */
    public static ProblemDetail problem(MessageSource messages, Locale locale, HttpStatus status, String type, String code,
                                        Object... detailArgs) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        if (type != null) {
            problem.setType(URI.create(type));
        }
        problem.setTitle(messages.getMessage(code, null, status.getReasonPhrase(), locale));
        problem.setDetail(messages.getMessage(code + ".detail", detailArgs.length == 0 ? null : detailArgs, "", locale));
        return problem;
    }

    /**
     * Writes a problem as {@code application/problem+json} outside Spring MVC: type, title, status, detail,
     * instance (the request's path) and the problem's properties, as the API's handler does.
     */
    public static void write(ProblemDetail problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        URI type = problem.getType() == null ? URI.create("about:blank") : problem.getType();   // RFC 9457: no type means about:blank
        StringBuilder json = new StringBuilder("{\"type\":").append(quoted(type.toString()))
                .append(",\"title\":").append(quoted(problem.getTitle()))
                .append(",\"status\":").append(problem.getStatus())
                .append(",\"detail\":").append(quoted(problem.getDetail()))
                .append(",\"instance\":").append(quoted(problem.getInstance() != null ? problem.getInstance().toString()
                        : request.getRequestURI()));
        Map<String, Object> properties = problem.getProperties();
        if (properties != null) {
            properties.forEach((name, value) -> json.append(',').append(quoted(name)).append(':')
                    .append(value instanceof Number || value instanceof Boolean ? value.toString() : quoted(value == null ? null : value.toString())));
        }
        response.getWriter().write(json.append('}').toString());
    }

    private static String quoted(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

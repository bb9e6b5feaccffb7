package org.cordon.shared.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * What the styled error page ({@code templates/error.html}, in the normal layout) needs besides the status: why a
 * request was refused, when that changes what the user should do. A filter or handler that answers with
 * {@code sendError} sets {@link #REASON} on the request first; the page then says "sign in again" for an expired
 * session instead of "you have no permission".
 */
public final class ErrorPages {

    /** Request attribute naming the reason of a refusal (one of the constants below), shown by the error page. */
    public static final String REASON = ErrorPages.class.getName() + ".reason";
    /** A form was sent after the session had expired (its CSRF token is gone with the session): sign in again. */
    public static final String SESSION_EXPIRED = "session-expired";
    /** A signed-in user sent a form whose CSRF token is no longer valid (signed in again meanwhile): reload it. */
    public static final String STALE_FORM = "stale-form";

    private ErrorPages() {
    }

    /**
     * Whether the request wants a JSON answer (the API, a script's {@code fetch} asking for JSON) or is an htmx
     * request, rather than a page: such requests get a problem ({@link Problems#write}), not the error page.
     */
    public static boolean wantsProblem(HttpServletRequest request) {
        return DatabaseUnavailableFilter.wantsJson(request) || "true".equals(request.getHeader("HX-Request"));
    }

    /** Boot's error attributes plus {@code reason} (the request's {@link #REASON}, if any). */
    static final class Attributes extends DefaultErrorAttributes {

        @Override
        public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
            Map<String, Object> attributes = super.getErrorAttributes(request, options);
            Object reason = request.getAttribute(REASON, RequestAttributes.SCOPE_REQUEST);
            if (reason instanceof String r && (r.equals(SESSION_EXPIRED) || r.equals(STALE_FORM))) {
                attributes.put("reason", r);
            }
            return attributes;
        }
    }
}

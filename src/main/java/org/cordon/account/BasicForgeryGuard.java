package org.cordon.account;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.shared.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Refuses API requests that change data with HTTP Basic credentials unless they show they cannot have been
 * forged by another web site. A browser that has cached Basic credentials for the platform sends them with
 * any request to it, also one that a page elsewhere makes it send: a form post (urlencoded, multipart or
 * text/plain) or a body-less {@code fetch} needs no permission from the platform (no CORS preflight). So a
 * POST, PUT, PATCH or DELETE signed in with Basic must carry one of:
 * <ul>
 *   <li>a JSON content type ({@code application/json}, {@code application/problem+json}, any
 *       {@code application/*+json}) — another site cannot send it without a preflight, which the platform
 *       never grants;</li>
 *   <li>the header {@code X-Cordon-Client} or {@code X-Requested-With} (any value) — likewise;</li>
 *   <li>{@code Sec-Fetch-Site: same-origin}, which only the browser can set, for the platform's own pages.</li>
 * </ul>
 * and is refused whenever it says {@code Sec-Fetch-Site: cross-site}. A refused request is answered 403 with a
 * problem that says what to add, before its credentials are checked. Token (Bearer) requests are not
 * concerned: a browser never adds that header by itself. Part of the API's filter chain only.
 */
class BasicForgeryGuard extends OncePerRequestFilter {

    static final String PROBLEM_TYPE = "urn:cordon:problem:basic-refused";
    /** The header a script adds to a form or body-less request it signs with Basic. */
    static final String CLIENT_HEADER = "X-Cordon-Client";
    static final String REQUESTED_WITH = "X-Requested-With";
    static final String FETCH_SITE = "Sec-Fetch-Site";
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final MessageSource messages;
    private final LocaleResolver locales;

    BasicForgeryGuard(MessageSource messages, LocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = refusal(request);
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(Problems.problem(messages, locales.resolveLocale(request), HttpStatus.FORBIDDEN, PROBLEM_TYPE, refusal,
                CLIENT_HEADER), request, response);
    }

    /** The message code of the refusal, or null when the request may go on. */
    static String refusal(HttpServletRequest request) {
        if (!CHANGING.contains(request.getMethod())) {
            return null;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String site = request.getHeader(FETCH_SITE);
        if ("cross-site".equalsIgnoreCase(site)) {
            return "problem.basic.crossSite";
        }
        if ("same-origin".equalsIgnoreCase(site) || request.getHeader(CLIENT_HEADER) != null || request.getHeader(REQUESTED_WITH) != null
                || json(request.getContentType())) {
            return null;
        }
        return "problem.basic.needsClientHeader";
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}

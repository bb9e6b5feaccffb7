package org.cordon.shared.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The security headers of every response — pages, the public portal, the API, error pages and the outage
 * page alike — set before anything else runs, set again when a later step resets the response, and set on
 * error dispatches too:
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, fonts and connections from the platform only and
 *       never inline (no {@code 'unsafe-inline'}: the templates carry no inline script, style attribute or
 *       event handler, which a test checks on every page), images also as {@code data:} URLs, no plug-ins,
 *       no {@code <base>} elsewhere, forms only to the platform, never framed; the field app's service worker
 *       ({@code /sw.js}) and manifest from the platform only ({@code worker-src}, {@code manifest-src}). The API's answers (JSON,
 *       files) get {@code default-src 'none'}; Swagger UI's pages also allow one style of its own, by hash.</li>
 *   <li>{@code Referrer-Policy: same-origin}: addresses of pages (which may name a record) never leave
 *       the platform.</li>
 *   <li>{@code Permissions-Policy}: camera, microphone, geolocation, payment, USB, serial, HID, MIDI and
 *       motion sensors denied, except the camera on the pages of
 *       {@link SecurityHeadersSettings#cameraPaths()} (the checkpoint passage form, for QR codes).</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}.</li>
 * </ul>
 * Spring Security adds its own defaults on top (cache control; {@code Strict-Transport-Security} on requests
 * that came over TLS, forwarded ones included) and leaves these as they are.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /**
     * Swagger UI (springdoc's webjar, 5.32) inserts one {@code <style>} element of its own: allowed by its hash, on
     * its pages only (after an upgrade that changes it, CspBrowserTests reports the refusal and the new hash).
     */
    static final String DOCS_POLICY = PAGE_POLICY.replace("style-src 'self'",
            "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='");
    static final String API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String DENIED = "accelerometer=(), gyroscope=(), magnetometer=(), geolocation=(), microphone=(), "
            + "payment=(), usb=(), serial=(), hid=(), midi=(), display-capture=()";
    static final String NO_CAMERA = "camera=(), " + DENIED;
    static final String CAMERA = "camera=(self), " + DENIED;

    private final List<PathPattern> cameraPaths;

    SecurityHeadersFilter(SecurityHeadersSettings settings) {
        PathPatternParser parser = new PathPatternParser();
        this.cameraPaths = settings.cameraPaths().stream().map(parser::parse).toList();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // on an error dispatch, the headers of the request that failed (an API error stays an API answer)
        Object failed = request.getDispatcherType() == DispatcherType.ERROR ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : null;
        String uri = failed instanceof String s ? s : request.getRequestURI();
        String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
        String policy = path.startsWith("/api/") ? API_POLICY : path.startsWith("/swagger-ui/") ? DOCS_POLICY : PAGE_POLICY;
        boolean camera = policy == PAGE_POLICY && cameraPaths.stream().anyMatch(p -> p.matches(PathContainer.parsePath(path)));
        apply(response, policy, camera);
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void reset() {
                super.reset();
                apply(response, policy, camera);
            }
        });
    }

    private static void apply(HttpServletResponse response, String policy, boolean camera) {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Permissions-Policy", camera ? CAMERA : NO_CAMERA);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
    }
}

package org.cordon.account;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.shared.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Signs in API requests that carry {@code Authorization: Bearer <token>} (an {@link ApiTokenManagement} token) as the
 * token's account. A token that is not accepted — malformed, unknown, revoked, expired, or of a disabled account —
 * is answered 401 with a problem at once, never passed on as anonymous. Requests without a Bearer token pass
 * untouched (HTTP Basic comes next). A browser never sends such a header by itself, so token requests cannot be
 * forged cross-site and need none of {@link BasicForgeryGuard}'s proofs. Part of the API's filter chain only (not a
 * servlet filter of its own).
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String PROBLEM_TYPE = "urn:cordon:problem:invalid-token";
    private static final String SCHEME = "Bearer ";

    private final ApiTokenManagement tokens;
    private final MessageSource messages;
    private final LocaleResolver locales;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiTokenAuthenticationFilter(ApiTokenManagement tokens, MessageSource messages, LocaleResolver locales) {
        this.tokens = tokens;
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CordonUser> user = tokens.authenticate(header.substring(SCHEME.length()).trim(), request.getRemoteAddr());
        if (user.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cordon\", error=\"invalid_token\"");
            Problems.write(Problems.problem(messages, locales.resolveLocale(request), HttpStatus.UNAUTHORIZED, PROBLEM_TYPE,
                    "problem.token.invalid"), request, response);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, user.get().getAuthorities()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }
}

package org.cordon.account.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.account.CordonUser;
import org.cordon.account.SignInManagement;
import org.cordon.shared.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Holds a signed-in account to what its sign-in state allows, before any handler runs:
 * <ul>
 * <li>while its password must be changed (an administrator's reset), pages lead to {@code /account/password}
 *     and the API with HTTP Basic answers 403 {@code urn:cordon:problem:password-change-required} (API tokens are
 *     credentials of their own and go on working), except the change itself
 *     ({@code POST /api/v1/me/password}) and {@code GET /api/v1/me}. For sessions the state is read from the
 *     database on each page, so a reset reaches a session that is already signed in;</li>
 * <li>an account with a second factor is refused HTTP Basic on the API (403
 *     {@code urn:cordon:problem:second-factor-required}): Basic cannot carry the code, so such accounts use
 *     the API through tokens ({@code Authorization: Bearer}), which are not concerned.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SignInStateInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String CHANGE_PAGE = "/account/password";
    private static final Set<String> OPEN_WHILE_CHANGE_REQUIRED = Set.of(CHANGE_PAGE, "/login", "/login/code", "/logout", "/error",
            "/api/v1/me", "/api/v1/me/password");

    private final SignInManagement signIn;
    private final MessageSource messages;
    private final LocaleResolver locales;

    SignInStateInterceptor(SignInManagement signIn, MessageSource messages, LocaleResolver locales) {
        this.signIn = signIn;
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE)
                .excludePathPatterns("/css/**", "/js/**", "/vendor/**", "/webjars/**", "/favicon.ico", "/error");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CordonUser user)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        if (api && !basic(request)) {
            return true;   // an API token: a credential of its own, issued by an administrator, not the password
        }
        if (api && user.twoFactor()) {
            refuse(request, response, "urn:cordon:problem:second-factor-required", "problem.secondFactorRequired");
            return false;
        }
        // HTTP Basic signs in on every request (the principal is fresh); a session's principal is as old as the session
        boolean changeRequired = api ? user.passwordChangeRequired() : signIn.passwordChangeRequired(user.id());
        if (changeRequired && !OPEN_WHILE_CHANGE_REQUIRED.contains(path)) {
            if (api) {
                refuse(request, response, "urn:cordon:problem:password-change-required", "problem.passwordChangeRequired");
            } else {
                response.sendRedirect(request.getContextPath() + CHANGE_PAGE);
            }
            return false;
        }
        return true;
    }

    /** The request signs in with HTTP Basic (the API's other way is a token). */
    private static boolean basic(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String type, String code) throws IOException {
        Problems.write(Problems.problem(messages, locales.resolveLocale(request), HttpStatus.FORBIDDEN, type, code), request, response);
    }
}

package org.cordon.account;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.shared.web.ErrorPages;
import org.cordon.shared.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.LocaleResolver;

/**
 * How the pages' filter chain refuses, so that the answer says what to do:
 * <ul>
 *   <li>a form sent after the session expired (its CSRF token went with the session) is answered 401 with the
 *       "sign in again" page, not the 403 "no permission" page it used to get; a signed-in user's stale form
 *       (signed in again meanwhile), and a public portal form without its token, 403 with "reload the page";</li>
 *   <li>any other refusal 403 with "ask your administrator for the permission";</li>
 *   <li>a script's request ({@code fetch} asking for JSON, htmx) without a session 401 with a problem, where a
 *       browser's page request is sent to the sign-in page as before.</li>
 * </ul>
 * Pages get the styled error page (the error dispatch renders {@code templates/error.html} with
 * {@link ErrorPages#REASON}); scripts get RFC 9457 problems.
 */
final class PageRefusals implements AccessDeniedHandler, AuthenticationEntryPoint {

    private final MessageSource messages;
    private final LocaleResolver locales;
    private final AuthenticationEntryPoint signInPage;

    PageRefusals(MessageSource messages, LocaleResolver locales, String signInPage) {
        this.messages = messages;
        this.locales = locales;
        this.signInPage = new LoginUrlAuthenticationEntryPoint(signInPage);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (denied instanceof CsrfException) {
            // the public portal signs nobody in: its stale form is one to reload, not a session to renew
            boolean portal = request.getRequestURI().startsWith(request.getContextPath() + "/portal");
            if (signedIn() || portal) {
                refuse(request, response, HttpStatus.FORBIDDEN, ErrorPages.STALE_FORM, "problem.staleForm");
            } else {
                refuse(request, response, HttpStatus.UNAUTHORIZED, ErrorPages.SESSION_EXPIRED, "problem.sessionExpired");
            }
        } else {
            refuse(request, response, HttpStatus.FORBIDDEN, null, "problem.forbidden");
        }
    }

    /** Nobody signed in: a script's request gets a 401 problem, any other is sent to the sign-in page. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (ErrorPages.wantsProblem(request)) {
            refuse(request, response, HttpStatus.UNAUTHORIZED, ErrorPages.SESSION_EXPIRED, "problem.sessionExpired");
        } else {
            signInPage.commence(request, response, e);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String reason, String code)
            throws IOException {
        if (ErrorPages.wantsProblem(request)) {
            Problems.write(Problems.problem(messages, locales.resolveLocale(request), status, null, code), request, response);
            return;
        }
        if (reason != null) {
            request.setAttribute(ErrorPages.REASON, reason);
        }
        response.sendError(status.value());
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated() && !(authentication instanceof AnonymousAuthenticationToken);
    }
}

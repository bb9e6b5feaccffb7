package org.cordon.account;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * What the sign-in form does after the password check. A right password of an account with a second
 * factor signs nobody in: the session only remembers, for {@value #PENDING_MINUTES} minutes, whose password
 * was right, and the browser is sent to {@code /login/code}; without the code every page still sends it to
 * the sign-in page. Other accounts are signed in and sent to the start page, or to the password change
 * page when an administrator set their password. A refused attempt goes back to the form with the reason:
 * wrong name or password, or how long to wait after repeated failures.
 */
@Component
public class FormSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final int PENDING_MINUTES = 5;
    private static final String PENDING = FormSignIn.class.getName() + ".PENDING";

    /** A sign-in waiting for its second factor: whose password was right, and when. */
    public record Pending(String username, Instant at) implements Serializable {
    }

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final Clock clock;

    FormSignIn(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (authentication.getPrincipal() instanceof CordonUser user && user.twoFactor()) {
            // the filter has already stored the sign-in in the session: take it back, keep only who is half-way
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            request.getSession().setAttribute(PENDING, new Pending(user.getUsername(), clock.instant()));
            response.sendRedirect(request.getContextPath() + "/login/code");
            return;
        }
        response.sendRedirect(request.getContextPath() + startPage(authentication.getPrincipal()));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String query = exception instanceof SignInThrottledException t
                ? (t.locked() ? "locked=" : "wait=") + t.retryAfterSeconds()
                : "error";
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }

    /** The sign-in waiting for its second factor in this session, if any and not older than five minutes. */
    public Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof Pending p)) {
            return Optional.empty();
        }
        if (Duration.between(p.at(), clock.instant()).toMinutes() >= PENDING_MINUTES) {
            session.removeAttribute(PENDING);
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Forgets the sign-in waiting for its second factor (locked, or given up). */
    public void abandon(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }

    /**
     * Signs {@code user} in for this session (after the second factor, or again after a password change so
     * the session knows of it): a new session id, the user's sign-in stored; returns the page to go to.
     */
    public String signIn(HttpServletRequest request, HttpServletResponse response, CordonUser user) {
        abandon(request);
        request.getSession();
        request.changeSessionId();
        user.eraseCredentials();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return startPage(user);
    }

    private static String startPage(Object principal) {
        return principal instanceof CordonUser user && user.passwordChangeRequired() ? "/account/password" : "/";
    }
}

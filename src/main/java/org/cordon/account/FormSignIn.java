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
 * <p>
 * A sign-in asked for by a page whose session had expired ({@code /login?next=/checkpoints/KK01/passages/new?offline=…},
 * static/js/offline.js: the records kept on the device are sent after the sign-in) returns to that page: {@value #NEXT}
 * is kept through a wrong password and the second factor, and followed only when it is a path of this platform
 * ({@link #returnPath}); otherwise it is ignored.
 */
@Component
public class FormSignIn implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final int PENDING_MINUTES = 5;
    /** The sign-in form's parameter with the page to return to. */
    public static final String NEXT = "next";
    private static final String PENDING = FormSignIn.class.getName() + ".PENDING";
    private static final String PENDING_NEXT = FormSignIn.class.getName() + ".NEXT";
    private static final java.util.regex.Pattern LOCAL_PATH = java.util.regex.Pattern.compile("/[A-Za-z0-9/_.~%?=&+-]{0,500}");

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
        String next = returnPath(request.getParameter(NEXT));
        if (authentication.getPrincipal() instanceof CordonUser user && user.twoFactor()) {
            // the filter has already stored the sign-in in the session: take it back, keep only who is half-way
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            request.getSession().setAttribute(PENDING, new Pending(user.getUsername(), clock.instant()));
            if (next != null) {
                request.getSession().setAttribute(PENDING_NEXT, next);
            }
            response.sendRedirect(request.getContextPath() + "/login/code");
            return;
        }
        response.sendRedirect(request.getContextPath() + startPage(authentication.getPrincipal(), next));
    }

    /**
     * The page to return to after signing in, when {@code next} is a path of this platform: it starts with one
     * {@code /} (never {@code //}, a backslash, a scheme or a host), holds only URL characters, is at most 500 characters
     * long and is not the sign-in or sign-out itself; otherwise null.
     */
    public static String returnPath(String next) {
        if (next == null || !LOCAL_PATH.matcher(next).matches() || next.startsWith("//")
                || next.startsWith("/login") || next.startsWith("/logout")) {
            return null;
        }
        return next;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String query = exception instanceof SignInThrottledException t
                ? (t.locked() ? "locked=" : "wait=") + t.retryAfterSeconds()
                : "error";
        String next = returnPath(request.getParameter(NEXT));
        if (next != null) {
            query += "&" + NEXT + "=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
        }
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
            session.removeAttribute(PENDING_NEXT);
        }
    }

    /** The page the sign-in waiting for its second factor is to return to, taken out of the session. */
    private static String takeNext(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING_NEXT) instanceof String next)) {
            return null;
        }
        session.removeAttribute(PENDING_NEXT);
        return returnPath(next);
    }

    /**
     * Signs {@code user} in for this session (after the second factor, or again after a password change so
     * the session knows of it): a new session id, the user's sign-in stored; returns the page to go to.
     */
    public String signIn(HttpServletRequest request, HttpServletResponse response, CordonUser user) {
        String next = takeNext(request);
        abandon(request);
        request.getSession();
        request.changeSessionId();
        user.eraseCredentials();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return startPage(user, next);
    }

    private static String startPage(Object principal, String next) {
        if (principal instanceof CordonUser user && user.passwordChangeRequired()) {
            return "/account/password";
        }
        return next == null ? "/" : next;
    }
}

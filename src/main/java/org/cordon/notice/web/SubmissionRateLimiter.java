package org.cordon.notice.web;

import org.cordon.notice.PortalSettings;
import org.cordon.shared.cluster.RateLimits;
import org.springframework.stereotype.Component;

/**
 * Rate limit of the public forms, per form and client address: one token bucket each, holding
 * {@code cordon.portal.max-submissions} and refilled by as many every {@code cordon.portal.window}, kept in the
 * database ({@link RateLimits}, limit {@code portal}) so that every node behind the load balancer counts against
 * the same allowance. A bucket's row is deleted once it is full again, so a flood of distinct addresses leaves
 * rows for one window only.
 */
@Component
public class SubmissionRateLimiter {

    private final RateLimits limits;
    private final RateLimits.Limit limit;

    SubmissionRateLimiter(PortalSettings settings, RateLimits limits) {
        this.limits = limits;
        this.limit = new RateLimits.Limit("portal", settings.maxSubmissions(), settings.maxSubmissions(), settings.window());
    }

    /**
     * Counts a submission of {@code form} from {@code clientAddress}.
     *
     * @return true when it is within the limit; false when refused (a refused attempt is not counted)
     */
    public boolean tryAcquire(String form, String clientAddress) {
        return limits.tryTake(limit, form + "|" + clientAddress).taken();
    }

    /** Seconds until the next submission is accepted (for {@code Retry-After}); 0 when one would be now. */
    public long retryAfterSeconds(String form, String clientAddress) {
        return limits.retryAfterSeconds(limit, form + "|" + clientAddress);
    }

    /** Forgets every count (tests, or an operator after a false alarm). */
    public void reset() {
        limits.forget(limit);
    }

    /**
     * The public forms' answer to a refused submission: 429 with {@code Retry-After} and the "too many" page, which
     * links back to the form.
     */
    public String tooManyPage(String form, String clientAddress, jakarta.servlet.http.HttpServletResponse response,
                              org.springframework.ui.Model model) {
        response.setStatus(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS.value());
        long seconds = retryAfterSeconds(form, clientAddress);
        response.setHeader("Retry-After", String.valueOf(seconds));
        model.addAttribute("minutes", Math.max(1, (seconds + 59) / 60));
        model.addAttribute("back", "/portal/" + form);
        return "portal/too-many";
    }
}

package org.cordon.notice.web;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import org.cordon.shared.ClockTimeMeter;
import org.cordon.notice.PortalSettings;
import org.springframework.stereotype.Component;

/**
 * Rate limit of the public forms, per form and client address: one Bucket4j token bucket each, holding
 * {@code cordon.portal.max-submissions} and refilled by as many every {@code cordon.portal.window} (the
 * same library as the exact-search allowance of staff accounts). In memory: with several instances behind
 * a load balancer each counts on its own. At most {@code cordon.portal.max-clients} buckets are kept; beyond
 * that the idle (full) ones are forgotten, and after a flood of distinct addresses everything is.
 */
@Component
public class SubmissionRateLimiter {

    private final PortalSettings settings;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SubmissionRateLimiter(PortalSettings settings, Clock clock) {
        this.settings = settings;
        this.time = new ClockTimeMeter(clock);
    }

    /**
     * Counts a submission of {@code form} from {@code clientAddress}.
     *
     * @return true when it is within the limit; false when refused (a refused attempt is not counted)
     */
    public boolean tryAcquire(String form, String clientAddress) {
        if (buckets.size() > settings.maxClients()) {
            forgetIdle();
        }
        return buckets.computeIfAbsent(form + "|" + clientAddress, k -> newBucket()).tryConsume(1);
    }

    /** Seconds until the next submission is accepted (for {@code Retry-After}); 0 when one would be now. */
    public long retryAfterSeconds(String form, String clientAddress) {
        Bucket bucket = buckets.get(form + "|" + clientAddress);
        if (bucket == null) {
            return 0;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    /** Forgets every count (tests, or an operator after a false alarm). */
    public void reset() {
        buckets.clear();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.maxSubmissions())
                        .refillIntervally(settings.maxSubmissions(), settings.window()).build())
                .withCustomTimePrecision(time)
                .build();
    }

    private void forgetIdle() {
        buckets.values().removeIf(b -> b.getAvailableTokens() >= settings.maxSubmissions());
        if (buckets.size() > settings.maxClients()) {
            // a flood of distinct addresses: start afresh rather than grow without bound
            buckets.clear();
        }
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

package org.cordon.notice.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cordon.notice.PortalSettings;
import org.springframework.stereotype.Component;

/**
 * In-memory sliding-window rate limit of the public forms, per form and client address
 * ({@code cordon.portal.max-submissions} per {@code cordon.portal.window}). One instance per application:
 * with several instances behind a load balancer each counts on its own.
 */
@Component
public class SubmissionRateLimiter {

    private final PortalSettings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> submissions = new ConcurrentHashMap<>();

    SubmissionRateLimiter(PortalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Counts a submission of {@code form} from {@code clientAddress}.
     *
     * @return true when it is within the limit; false when refused (a refused attempt is not counted)
     */
    public boolean tryAcquire(String form, String clientAddress) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(settings.window());
        if (submissions.size() > settings.maxClients()) {
            forgetOlderThan(windowStart);
        }
        Deque<Instant> times = submissions.computeIfAbsent(form + "|" + clientAddress, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
                times.pollFirst();
            }
            if (times.size() >= settings.maxSubmissions()) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** Seconds until the next submission is accepted (for {@code Retry-After}). */
    public long retryAfterSeconds(String form, String clientAddress) {
        Deque<Instant> times = submissions.get(form + "|" + clientAddress);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            Instant oldest = times.peekFirst();
            return oldest == null ? 0 : Math.max(1, Duration.between(clock.instant(), oldest.plus(settings.window())).toSeconds());
        }
    }

    /** Forgets every count (tests, or an operator after a false alarm). */
    public void reset() {
        submissions.clear();
    }

    private void forgetOlderThan(Instant windowStart) {
        submissions.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Instant newest = e.getValue().peekLast();
                return newest == null || !newest.isAfter(windowStart);
            }
        });
        if (submissions.size() > settings.maxClients()) {
            // a flood of distinct addresses: start afresh rather than grow without bound
            submissions.clear();
        }
    }
}

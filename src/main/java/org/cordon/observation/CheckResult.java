package org.cordon.observation;

/**
 * The result of recording a check: the episode afterwards and the referral opened, if the check was abnormal.
 * {@code created} is false when the request repeated a check already stored under its {@code clientId} (nothing new
 * was stored; {@code abnormal} and {@code referralId} are those of the stored check).
 */
public record CheckResult(EpisodeView episode, boolean abnormal, Long referralId, boolean created) {

    public CheckResult(EpisodeView episode, boolean abnormal, Long referralId) {
        this(episode, abnormal, referralId, true);
    }
}

package org.cordon.observation;

/** The result of recording a check: the episode afterwards and the referral opened, if the check was abnormal. */
public record CheckResult(EpisodeView episode, boolean abnormal, Long referralId) {
}

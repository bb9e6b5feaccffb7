package org.cordon.observation;

import java.time.Instant;

/**
 * The open referral of an episode, as the grid worker sees it: the medical staff of {@code areaName} have it on their
 * referral list since {@code raisedAt} (an abnormal check raised it, or a checkpoint or the person's declaration did).
 *
 * @param source OBSERVATION, CHECKPOINT or DECLARATION
 */
public record MedicsNotified(long referralId, Instant raisedAt, String areaCode, String areaName, String source) {
}

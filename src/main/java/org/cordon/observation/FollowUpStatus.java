package org.cordon.observation;

import java.util.List;

/**
 * Where a person stands in medical follow-up now, for the health code: a confirmed case, in isolation, a referral
 * without outcome, and the reasons of their open observation episodes.
 */
public record FollowUpStatus(boolean confirmedCase, boolean inIsolation, boolean openReferral, List<EpisodeReason> openEpisodes) {

    public FollowUpStatus {
        openEpisodes = List.copyOf(openEpisodes);
    }
}

package org.cordon.observation;

/**
 * Where a person went after a referral's outcome: the observation that continues (or began), the isolation, the
 * case — or nowhere, when the person was excluded and neither came from a risk area nor was a contact.
 *
 * @param id       the episode, isolation or case id; null for {@code NONE}
 * @param status   the record's status now (an {@link EpisodeStatus} or {@link IsolationStatus} name; null for a case)
 * @param siteName the site of a centralised observation or an isolation; null otherwise
 */
public record FollowUp(Kind kind, Long id, String status, String siteName) {

    public enum Kind { OBSERVATION, ISOLATION, CASE, NONE }

    /** The page of the record ({@code null} for {@code NONE}). */
    public String path() {
        return switch (kind) {
            case OBSERVATION -> "/observation/episodes/" + id;
            case ISOLATION -> "/isolations/" + id;
            case CASE -> "/cases/" + id;
            case NONE -> null;
        };
    }
}

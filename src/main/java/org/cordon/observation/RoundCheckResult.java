package org.cordon.observation;

import java.util.List;
import java.util.UUID;

import org.cordon.shared.FieldProblem;

/**
 * What came of one row of a round ({@link EpisodeManagement#recordChecks}), in the order sent.
 *
 * @param abnormal   the stored check was abnormal (the medics were notified: {@code referralId}, their open referral)
 * @param referralId the open referral of an abnormal check (raised by it or the person's open one); null otherwise
 * @param problems   why the row was rejected (nothing of it stored); empty otherwise
 */
public record RoundCheckResult(int row, Long episodeId, UUID clientId, Outcome outcome, boolean abnormal, Long referralId,
                               List<FieldProblem> problems) {

    public enum Outcome { SAVED, ALREADY_SAVED, REJECTED }

    public boolean saved() {
        return outcome == Outcome.SAVED;
    }
}

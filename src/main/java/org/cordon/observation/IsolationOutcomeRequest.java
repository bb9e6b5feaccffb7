package org.cordon.observation;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The outcome of an isolation.
 *
 * @param outcome RELEASED (the suspicion is excluded; observation resumes for the rest of the period) or CONFIRMED
 *                (a case, with its tracing task)
 */
public record IsolationOutcomeRequest(@Schema(allowableValues = {"RELEASED", "CONFIRMED"}) String outcome, String note) {
}

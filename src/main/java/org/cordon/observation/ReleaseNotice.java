package org.cordon.observation;

import java.time.LocalDate;

import org.cordon.registry.PersonSummary;

/**
 * What the printed release notice (解除医学观察告知书) shows: the person revealed as far as the issuer may.
 *
 * @param year   with {@code number}: the notice's number of its year, given at its first printing (as notices are numbered)
 */
record ReleaseNotice(long episodeId, PersonSummary person, String areaName, EpisodeKind kind, LocalDate startDate,
                            LocalDate plannedEnd, LocalDate releasedOn, int checksRecorded, int checksMissed, String issuedBy,
                            int year, int number) {
}

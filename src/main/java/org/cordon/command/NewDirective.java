package org.cordon.command;

import java.util.List;

/**
 * A directive to issue, as entered.
 *
 * @param title     required, at most 100 characters
 * @param content   required, at most 5000 characters
 * @param priority  {@code URGENT}, {@code HIGH} or {@code NORMAL} (blank: NORMAL)
 * @param deadline  ISO date-time in the future: with an offset ({@code 2020-01-27T18:00:00+08:00}) or
 *                  without (then in the city's time zone, as a page's {@code datetime-local} sends it)
 * @param assignees at least one; duplicates are ignored
 */
public record NewDirective(String title, String content, String priority, String deadline, List<Assignee> assignees) {
}

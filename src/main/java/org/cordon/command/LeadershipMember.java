package org.cordon.command;

/**
 * A member of the leadership group (领导小组).
 *
 * @param name   the person's name (sample data: the office, marked 〔示例〕)
 * @param title  the person's office, e.g. 市委书记
 * @param sample true for the shipped sample entry until someone edits it
 */
public record LeadershipMember(long id, LeadershipPosition position, String name, String title, int sort, boolean sample) {
}

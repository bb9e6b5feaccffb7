/**
 * Command (指挥调度): the leadership group (领导小组) and the special working groups (专项工作组)
 * with their member accounts, and directives (工作部署 / 督办) the commander issues to working groups,
 * towns / street offices or Party branches, which each addressee accepts, reports progress on and
 * completes; overdue work is flagged and the supervision view (督查) counts open, overdue and done
 * work per addressee. The history of every directive is kept (append-only).
 *
 * <p>Public API: {@link org.cordon.command.CommandManagement}; events
 * {@link org.cordon.command.DirectiveIssued}, {@link org.cordon.command.DirectiveAccepted},
 * {@link org.cordon.command.DirectiveProgressReported}, {@link org.cordon.command.DirectiveCompleted}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command")
package org.cordon.command;

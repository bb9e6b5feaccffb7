package org.cordon.command;

/** Kinds of entries in a directive's history. */
enum DirectiveEventKind {
    /** The commander issued the directive. */
    ISSUED,
    /** An addressee accepted it. */
    ACCEPTED,
    /** An addressee reported progress (text and percentage). */
    PROGRESS,
    /** An addressee marked it done. */
    DONE,
    /** The commander reopened an addressee's done work. */
    REOPENED,
    /** The commander commented (urged, clarified). */
    COMMENT,
    /** The commander cancelled the directive. */
    CANCELLED
}

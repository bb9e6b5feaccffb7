package org.cordon.mobilization;

/** Kinds of Party branch: regular ones and the temporary ones set up for the epidemic. */
public enum BranchKind {
    VILLAGE(false), ENTERPRISE(false), INSTITUTION(false),
    /** 卡口临时党支部: one per checkpoint. */
    CHECKPOINT(true),
    /** 小区临时党支部: one per large residential compound. */
    COMPOUND(true);

    private final boolean temporary;

    BranchKind(boolean temporary) {
        this.temporary = temporary;
    }

    /** True for the temporary branches (checkpoint, compound). */
    public boolean temporary() {
        return temporary;
    }
}

package org.cordon.command;

/** How pressing a directive is; lists sort urgent work first within the same deadline. */
public enum DirectivePriority {
    /** 特急. */
    URGENT,
    /** 紧急. */
    HIGH,
    /** 一般. */
    NORMAL
}

package org.cordon.command;

/** Position in the leadership group (领导小组), in the order the group is listed. */
enum LeadershipPosition {
    /** 组长: the Party secretary. */
    HEAD,
    /** 执行组长: the mayor. */
    EXECUTIVE_HEAD,
    /** 成员. */
    MEMBER
}

package org.cordon.account;

/** Staff roles, as in DOMAIN.md. */
public enum Role {
    /** 系统管理员: accounts, reference data, configuration. */
    ADMIN,
    /** 指挥部 / 综合协调组: sees everything in the city, issues directives and notices. */
    COMMANDER,
    /** 专项工作组成员. */
    WORKING_GROUP,
    /** 卡口执勤人员: registers vehicles and occupants at their checkpoint(s). */
    OFFICER,
    /** 网格员 / 村(社区)干部. */
    GRID_WORKER,
    /** 医护 / 疾控: health checks, fever referrals. */
    MEDIC,
    /** 物资保障组. */
    SUPPLIES_CLERK,
    /** 志愿者协调. */
    VOLUNTEER_COORDINATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}

package org.cordon.account;

/**
 * What a staff member may do. Which {@link Role} holds which permission is written once, in
 * {@link RolePermissions}; every public method of a module's {@code *Management} API declares the
 * permission it needs with {@link RequiresPermission} (or is a {@link SystemOperation} / {@link PermissionQuery}).
 */
public enum Permission {
    /** Use the staff workspace at all: every signed-in role; the method itself narrows what is seen. */
    STAFF_WORKSPACE,
    /** See checkpoints, passages and daily counts in one's jurisdiction (screening roles). */
    PASSAGE_READ,
    /** Register a vehicle and its occupants at a checkpoint. */
    PASSAGE_REGISTER,
    /** Look up a known person by ID number while screening. */
    PERSON_LOOKUP,
    /** Edit screening rules: fever threshold, risk areas. */
    SCREENING_RULES_EDIT,
    /** Read and acknowledge the alert board. */
    ALERT_READ,
    /** Open the full view (name, ID number, phone, birth date) of records in one's jurisdiction; audited. */
    PERSONAL_DATA_REVEAL,
    /** Reveal the full name and phone (not the ID number) of people in one's area, to call them; audited. */
    PERSONAL_CONTACT_REVEAL,
    /** See returnees and persons of one's area. */
    RETURNEE_READ,
    /** Register returnees, import and export rosters, confirm reported identities. */
    RETURNEE_REGISTER,
    /** See observation episodes, referrals and village reports of one's area. */
    OBSERVATION_READ,
    /** Record health checks, release from observation, register close contacts. */
    OBSERVATION_CHECK,
    /** Release a person whose observation has missed checks (a medical judgement). */
    OBSERVATION_RELEASE_OVERRIDE,
    /** Record the outcome of a fever referral. */
    REFERRAL_OUTCOME,
    /** See every directive of the city and the supervision board (the command centre). */
    DIRECTIVE_READ_ALL,
    /** Work the directives addressed to one's town or village (accept, report, complete); working-group members work their group's whatever their role. */
    DIRECTIVE_WORK,
    /** Issue directives and follow them up (comment, reopen, cancel). */
    DIRECTIVE_ISSUE,
    /** Edit the leadership and the working groups. */
    GROUPS_EDIT,
    /** Add and remove working-group members. */
    GROUP_MEMBERS_MANAGE,
    /** Write notices, places, advice and hotlines. */
    NOTICE_EDIT,
    /** See supplies, stock, campaigns and requests. */
    SUPPLIES_READ,
    /** Record purchases, donations, adjustments; dispatch. */
    SUPPLIES_MANAGE,
    /** Approve or reject supply requests. */
    SUPPLIES_APPROVE,
    /** Request supplies for one's post. */
    SUPPLIES_REQUEST,
    /** Confirm receipt of dispatched supplies. */
    SUPPLIES_RECEIVE,
    /** Manage party branches, members, pledges, duty rosters, volunteers and tasks. */
    VOLUNTEERS_MANAGE,
    /** See and use the duty rosters of one's checkpoints. */
    DUTY_ROSTER_READ,
    /** Read the dashboard and the daily report. */
    DASHBOARD_READ,
    /** Rebuild the dashboard figures. */
    DASHBOARD_REBUILD,
    /** Edit the area grid. */
    AREA_EDIT,
    /** Manage accounts and reference data. */
    ACCOUNT_ADMIN,
    /** Sign in with a second factor (TOTP codes, recovery codes): enrol and disable it for one's own account. */
    TWO_FACTOR,
    /** See the health code of people in one's area with its reasons, and print their code cards. */
    HEALTH_CODE_READ,
    /** Verify scanned health codes online (checkpoint and screening staff). */
    HEALTH_CODE_VERIFY,
    /** Manage the health code's signing keys and the trusted issuers of other cities. */
    HEALTH_CODE_KEYS,
    /** See what data expires when (passage months, persons due for anonymisation) and run the expiry now. */
    DATA_RETENTION
}

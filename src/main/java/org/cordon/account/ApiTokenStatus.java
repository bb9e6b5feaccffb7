package org.cordon.account;

/** Whether an API token is accepted now, and if not why not. */
public enum ApiTokenStatus {
    /** Accepted. */
    ACTIVE,
    /** Past its expiry. */
    EXPIRED,
    /** Revoked by an administrator. */
    REVOKED,
    /** Its account is disabled: refused until the account is enabled again. */
    ACCOUNT_DISABLED
}

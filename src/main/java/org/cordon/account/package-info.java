/**
 * Staff accounts, roles and jurisdictions, login, and the audit log of access to personal data.
 * Public API: {@link org.cordon.account.CordonUser} (the signed-in user with role and
 * jurisdiction), {@link org.cordon.account.AccountManagement} and {@link org.cordon.account.AuditLog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.cordon.account;

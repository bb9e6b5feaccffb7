/**
 * Staff accounts, roles and jurisdictions, login, and the audit log of access to personal data.
 * Public API: {@link org.cordon.account.CordonUser} (the signed-in user with role and
 * jurisdiction), {@link org.cordon.account.AreaScope} (which records a jurisdiction covers, and the only producer of
 * area-prefix SQL conditions, with escaped prefixes), {@link org.cordon.account.AccountManagement}, {@link org.cordon.account.AuditLog} and
 * {@link org.cordon.account.ExactSearchGuard} (audit and per-account limit of exact searches by ID or phone), and the
 * permission model: {@link org.cordon.account.Permission}, the one role table {@link org.cordon.account.RolePermissions},
 * and the declarations {@link org.cordon.account.RequiresPermission} (enforced by
 * {@link org.cordon.account.PermissionInterceptor}), {@link org.cordon.account.SystemOperation} and
 * {@link org.cordon.account.PermissionQuery} that every public {@code *Management} method carries.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.cordon.account;

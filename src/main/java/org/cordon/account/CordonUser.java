package org.cordon.account;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in staff member: role and jurisdiction come with the principal, so every query can
 * check them on the server. Obtain it in controllers with {@code @AuthenticationPrincipal}.
 */
public final class CordonUser implements UserDetails, CredentialsContainer {

    private final long id;
    private final String username;
    private String passwordHash;
    private final String displayName;
    private final Role role;
    private final Jurisdiction jurisdiction;
    private final boolean enabled;
    private final boolean passwordChangeRequired;
    private final boolean twoFactor;

    public CordonUser(long id, String username, String passwordHash, String displayName, Role role,
                      Jurisdiction jurisdiction, boolean enabled) {
        this(id, username, passwordHash, displayName, role, jurisdiction, enabled, false, false);
    }

    /**
     * @param passwordChangeRequired an administrator set the password: it must be changed before anything else
     * @param twoFactor              the account signs in with a TOTP code after the password
     */
    public CordonUser(long id, String username, String passwordHash, String displayName, Role role,
                      Jurisdiction jurisdiction, boolean enabled, boolean passwordChangeRequired, boolean twoFactor) {
        this.passwordChangeRequired = passwordChangeRequired;
        this.twoFactor = twoFactor;
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.jurisdiction = jurisdiction;
        this.enabled = enabled;
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    public Jurisdiction jurisdiction() {
        return jurisdiction;
    }

    /** An administrator set the password (reset, first administrator): it must be changed before anything else. */
    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    /** The account signs in with a TOTP code after its password (HTTP Basic is refused for it). */
    public boolean twoFactor() {
        return twoFactor;
    }

    public boolean hasRole(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return username + " (" + role + ")";
    }
}

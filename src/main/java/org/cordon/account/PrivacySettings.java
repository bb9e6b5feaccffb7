package org.cordon.account;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may see personal data unmasked ({@code cordon.privacy.*}). Every full view is audit-logged.
 *
 * @param revealRoles roles allowed to open the full view of records inside their jurisdiction
 */
@ConfigurationProperties("cordon.privacy")
public record PrivacySettings(@DefaultValue({"COMMANDER", "MEDIC", "OFFICER"}) Set<Role> revealRoles) {

    public boolean mayReveal(CordonUser user) {
        return user != null && revealRoles.contains(user.role());
    }
}

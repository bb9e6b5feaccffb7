package org.cordon.account;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may see personal data unmasked ({@code cordon.privacy.*}). Every full view is audit-logged.
 *
 * @param revealRoles  roles allowed to open the full view of records inside their jurisdiction
 * @param contactRoles roles allowed to reveal the full name and phone (not the ID number) of the people
 *                     whose records lie inside their jurisdiction, to call them (grid workers, town staff)
 */
@ConfigurationProperties("cordon.privacy")
public record PrivacySettings(@DefaultValue({"COMMANDER", "MEDIC", "OFFICER"}) Set<Role> revealRoles,
                              @DefaultValue("GRID_WORKER") Set<Role> contactRoles) {

    public boolean mayReveal(CordonUser user) {
        return user != null && revealRoles.contains(user.role());
    }

    /** True when the user may reveal at least the name and phone of a record in their jurisdiction. */
    public boolean mayRevealContact(CordonUser user) {
        return mayReveal(user) || user != null && contactRoles.contains(user.role());
    }
}

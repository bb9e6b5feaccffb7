package org.cordon.account;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one audited path by which a caller sees personal values (names, ID numbers, phones) in full.
 * Every module that shows a person asks here for a {@link Disclosure} of the record the person is
 * shown on; this service checks the caller's permission for it ({@link Permission#PERSONAL_DATA_REVEAL}:
 * everything; {@link Permission#PERSONAL_CONTACT_REVEAL}: name and phone, to call the person), checks
 * that the record lies in the caller's jurisdiction (its area, or its checkpoint), and writes the
 * {@code VIEW_FULL} audit entry in the same transaction. Without a disclosure from here, a view can
 * only {@linkplain Disclosure#masked() mask}.
 */
@Service
public class PersonalDataManagement {

    /**
     * The record whose people are revealed, and where it lies.
     *
     * @param type               record kind for the audit entry ({@code passage}, {@code returnee}, ...)
     * @param id                 its id
     * @param areaCode           the record's area (null for checkpoint records)
     * @param checkpointCode     the record's checkpoint (null for area records)
     * @param checkpointTownCode the town the checkpoint lies in (a town's staff see its checkpoints)
     */
    public record Record(String type, String id, String areaCode, String checkpointCode, String checkpointTownCode) {

        /** A record of an area: a returnee, an observation episode, a roster of an area. */
        public static Record inArea(String type, Object id, String areaCode) {
            return new Record(type, String.valueOf(id), areaCode, null, null);
        }

        /** A record of a checkpoint: a passage. */
        public static Record atCheckpoint(String type, Object id, String checkpointCode, String checkpointTownCode) {
            return new Record(type, String.valueOf(id), null, checkpointCode, checkpointTownCode);
        }

        boolean coveredBy(AreaScope scope) {
            return checkpointCode != null ? scope.coversCheckpoint(checkpointCode, checkpointTownCode) : scope.covers(areaCode);
        }
    }

    private final AuditLog audit;

    PersonalDataManagement(AuditLog audit) {
        this.audit = audit;
    }

    /** The most the user's role may reveal of a record in their jurisdiction (from {@link RolePermissions}). */
    static Disclosure.Level allowedLevel(CordonUser user) {
        if (RolePermissions.may(user, Permission.PERSONAL_DATA_REVEAL)) {
            return Disclosure.Level.FULL;
        }
        if (RolePermissions.may(user, Permission.PERSONAL_CONTACT_REVEAL)) {
            return Disclosure.Level.CONTACT;
        }
        return Disclosure.Level.MASKED;
    }

    /** True when the user's role may reveal everything of records in their jurisdiction (for showing the button). */
    @PermissionQuery(Permission.PERSONAL_DATA_REVEAL)
    public boolean mayReveal(CordonUser user) {
        return allowedLevel(user) == Disclosure.Level.FULL;
    }

    /** True when the user's role may reveal at least name and phone (for showing the button). */
    @PermissionQuery(Permission.PERSONAL_CONTACT_REVEAL)
    public boolean mayRevealContact(CordonUser user) {
        return allowedLevel(user) != Disclosure.Level.MASKED;
    }

    /**
     * Reveals the people of the record as far as the caller's role allows, and audits it.
     *
     * @throws AccessDeniedException the role may reveal nothing, or the record lies outside the caller's jurisdiction
     */
    @Transactional
    @RequiresPermission({Permission.PERSONAL_DATA_REVEAL, Permission.PERSONAL_CONTACT_REVEAL})
    public Disclosure reveal(CordonUser user, Record record) {
        return disclose(user, record, allowedLevel(user), null);
    }

    /**
     * Reveals everything of the record (a full export, a printed notice), and audits it with the purpose.
     *
     * @throws AccessDeniedException the role may not reveal everything, or the record lies outside the caller's jurisdiction
     */
    @Transactional
    @RequiresPermission(Permission.PERSONAL_DATA_REVEAL)
    public Disclosure revealFully(CordonUser user, Record record, String purpose) {
        return disclose(user, record, Disclosure.Level.FULL, purpose);
    }

    private Disclosure disclose(CordonUser user, Record record, Disclosure.Level level, String purpose) {
        if (level == Disclosure.Level.MASKED) {
            throw new AccessDeniedException("Role " + user.role() + " may not see personal data in full");
        }
        if (!record.coveredBy(AreaScope.of(user))) {
            throw new AccessDeniedException(record.type() + " " + record.id() + " is outside the jurisdiction of " + user.getUsername());
        }
        String what = (level == Disclosure.Level.FULL ? "full view of " : "name and phone of ") + record.type() + " record";
        audit.record(user.getUsername(), AuditLog.Action.VIEW_FULL, record.type(), record.id(),
                purpose == null ? what : what + ": " + purpose);
        return Disclosure.of(level);
    }
}

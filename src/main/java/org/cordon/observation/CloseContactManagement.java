package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.blankToNull;
import static org.cordon.observation.ObservationAccess.requireArea;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.area.AreaManagement;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReportedIdentity;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Close contacts of suspected and confirmed people: each is registered (or found) as a person and observed in an
 * episode of their own, counted from the last exposure ({@link EpisodeManagement#startEpisode}).
 */
@Service
@Transactional(readOnly = true)
public class CloseContactManagement {

    private final CloseContactRepository repository;
    private final ReferralRepository referrals;
    private final EpisodeManagement episodes;
    private final ObservationCalendar calendar;
    private final RegistryManagement registry;
    private final AreaManagement areas;

    CloseContactManagement(CloseContactRepository repository, ReferralRepository referrals, EpisodeManagement episodes,
                           ObservationCalendar calendar, RegistryManagement registry, AreaManagement areas) {
        this.repository = repository;
        this.referrals = referrals;
        this.episodes = episodes;
        this.calendar = calendar;
        this.registry = registry;
        this.areas = areas;
    }

    /**
     * Registers a close contact of a suspected or confirmed person, with their own episode counted
     * from the last exposure. Returns the contact's episode id.
     */
    /** Longest name and address of a close contact, as of a returnee. */
    static final int MAX_NAME = 50;
    static final int MAX_ADDRESS = 200;

    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public long registerCloseContact(CordonUser user, CloseContactRequest request) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Close contacts are registered by grid workers and medical staff");
        }
        String area = requireArea(user);
        List<FieldProblem> problems = new ArrayList<>();
        // the same answer for "no such case" and "a case outside your area": no oracle of anyone's case status
        if (!referrals.isSuspectedOrConfirmedIn(request.casePersonId(), area)) {
            problems.add(new FieldProblem("casePersonId", "validation.contact.caseNotSuspected"));
        }
        String name = blankToNull(request.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "validation.name.required"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            problems.add(FieldProblem.tooLong("name", MAX_NAME, name));
        } else {
            TextRules.checkName("name", name, problems);
        }
        String address = blankToNull(request.address());
        if (address != null && address.codePointCount(0, address.length()) > MAX_ADDRESS) {
            problems.add(FieldProblem.tooLong("address", MAX_ADDRESS, address));
        }
        LocalDate today = calendar.today();
        IdNumber id = null;
        try {
            IdType type = request.idType() == null || request.idType().isBlank() ? IdType.RESIDENT_ID
                    : IdType.valueOf(request.idType().trim().toUpperCase(Locale.ROOT));
            id = IdNumber.parse(type, request.idNumber(), today);
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem("idNumber", e.messageCode(), e.args()));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("idType", "validation.enum", request.idType(), "RESIDENT_ID, PASSPORT, OTHER"));
        }
        PhoneNumber phone = null;
        if (blankToNull(request.phone()) != null) {
            try {
                phone = PhoneNumber.parse(request.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("phone", e.messageCode(), e.args()));
            }
        }
        if (request.exposureDate() == null) {
            problems.add(new FieldProblem("exposureDate", "validation.required"));
        } else if (request.exposureDate().isAfter(today)) {
            problems.add(new FieldProblem("exposureDate", "validation.date.future"));
        } else if (!request.exposureDate().plusDays(calendar.days()).isAfter(today)) {
            problems.add(new FieldProblem("exposureDate", "validation.contact.exposureTooOld", calendar.days()));
        }
        String contactArea = blankToNull(request.areaCode()) == null ? area : request.areaCode().trim();
        if (areas.findArea(contactArea).isEmpty()) {
            problems.add(new FieldProblem("areaCode", "validation.area.unknown", contactArea));
        } else if (!AreaScope.of(user).covers(contactArea)) {
            problems.add(new FieldProblem("areaCode", "validation.destination.outsideJurisdiction"));
        }
        EpisodeKind kind = EpisodeKind.HOME;
        if (blankToNull(request.kind()) != null) {
            try {
                kind = EpisodeKind.valueOf(request.kind().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("kind", "validation.enum", request.kind(), "HOME, CENTRALISED"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        PersonData reported = new PersonData(id, "", name, phone, contactArea, address);
        long contactPersonId = registry.registerPerson(reported);
        Optional<Long> contactId = repository.insertCloseContact(request.casePersonId(), contactPersonId, request.exposureDate(),
                user.getUsername());
        String sourceRef = "contact:" + request.casePersonId() + ":" + contactPersonId + ":" + request.exposureDate();
        long episodeId = episodes.startEpisode(contactPersonId, null, kind, kind == EpisodeKind.CENTRALISED ? request.siteId() : null,
                contactArea, EpisodeReason.CLOSE_CONTACT, request.exposureDate(), user.getUsername(), sourceRef);
        contactId.ifPresent(cid -> repository.linkContactEpisode(cid, episodeId));
        // a registered person is not changed: differing values wait on the episode for confirmation
        registry.keepReportedIdentity(contactPersonId, reported, ReportedIdentity.RecordType.EPISODE, episodeId, contactArea,
                user.getUsername());
        return episodeId;
    }
}

package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.blankToNull;
import static org.cordon.observation.ObservationAccess.requireArea;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cordon.account.AccountManagement;
import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.area.AreaManagement;
import org.cordon.checkpoint.OccupantDetails;
import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.registry.PersonData;
import org.cordon.registry.RegistryManagement;
import org.cordon.registry.ReportedIdentity;
import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Close contacts (密切接触者) of suspected and confirmed people: each is registered (or found) as a person and observed in
 * an episode of their own, counted from the last exposure ({@link EpisodeManagement#startEpisode}), in their place of
 * residence — chosen from the area tree — on the list of that place's grid worker, who is the episode's responsible
 * worker. A case's fellow traveller becomes a contact from the tracing task without re-typing
 * ({@link #registerTraveller}).
 */
@Service
@Transactional(readOnly = true)
public class CloseContactManagement {

    private final CloseContactRepository repository;
    private final ReferralRepository referrals;
    private final CaseRepository cases;
    private final EpisodeManagement episodes;
    private final ObservationCalendar calendar;
    private final RegistryManagement registry;
    private final AreaManagement areas;
    private final AccountManagement accounts;
    private final ScreenedOccupants occupants;

    CloseContactManagement(CloseContactRepository repository, ReferralRepository referrals, CaseRepository cases,
                           EpisodeManagement episodes, ObservationCalendar calendar, RegistryManagement registry, AreaManagement areas,
                           AccountManagement accounts, ScreenedOccupants occupants) {
        this.repository = repository;
        this.referrals = referrals;
        this.cases = cases;
        this.episodes = episodes;
        this.calendar = calendar;
        this.registry = registry;
        this.areas = areas;
        this.accounts = accounts;
        this.occupants = occupants;
    }

    /**
     * Registers a close contact of a suspected or confirmed person, with their own episode counted from the last
     * exposure in their place of residence ({@code areaCode}, required), the place's grid worker responsible. Every
     * problem is reported at once and nothing is stored. Returns the contact's episode id (the existing one when the
     * same contact and exposure were registered before).
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public long registerCloseContact(CordonUser user, CloseContactRequest request) {
        requireRegistrar(user);
        String area = requireArea(user);
        List<FieldProblem> problems = new ArrayList<>();
        // the same answer for "no such case" and "a case outside your area": no oracle of anyone's case status
        if (!referrals.isSuspectedOrConfirmedIn(request.casePersonId(), area)) {
            problems.add(new FieldProblem("casePersonId", "validation.contact.caseNotSuspected"));
        }
        String name = FieldChecks.name(request.name(), "name", 50, false, problems);
        if (name == null) {
            problems.add(new FieldProblem("name", "validation.name.required"));
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
        String address = FieldChecks.optional(request.address(), "address", 200, problems);
        checkExposure(request.exposureDate(), today, problems);
        String residence = residence(user, request.areaCode(), problems);
        EpisodeKind kind = FieldChecks.enumValue(request.kind(), "kind", EpisodeKind.class, EpisodeKind.HOME, problems);
        FieldChecks.failIfAny(problems);
        PersonData reported = new PersonData(id, "", name, phone, residence, address);
        return register(user, request.casePersonId(), reported, request.exposureDate(), residence, kind, request.siteId()).episodeId();
    }

    /**
     * Makes a fellow traveller of a case (from its tracing task) a close contact: their data as the checkpoint
     * registered them, exposed on the day of the shared passage, observed in their place of residence
     * ({@code areaCode}, required) by its grid worker. Returns the contact's episode id; a traveller made a contact
     * already answers theirs.
     *
     * @throws NotFoundException         no such case or traveller
     * @throws AccessDeniedException     the case is outside the user's area
     * @throws ValidationFailedException the residence, kind or site is wrong, or the passage is too long ago
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public long registerTraveller(CordonUser user, long caseId, long travellerId, TravellerContactRequest request) {
        requireRegistrar(user);
        requireArea(user);
        CaseRepository.StoredCase c = cases.find(caseId).orElseThrow(() -> new NotFoundException("Case " + caseId));
        if (!AreaScope.of(user).covers(c.areaCode())) {
            throw new AccessDeniedException("Case " + caseId + " is outside the jurisdiction of " + user.getUsername());
        }
        CaseRepository.StoredTraveller t = cases.traveller(caseId, travellerId)
                .orElseThrow(() -> new NotFoundException("Traveller " + travellerId + " of case " + caseId));
        if (t.contactEpisodeId() != null) {
            return t.contactEpisodeId();
        }
        OccupantDetails o = occupants.details(t.occupantId())
                .orElseThrow(() -> new NotFoundException("Checkpoint record of traveller " + travellerId));
        List<FieldProblem> problems = new ArrayList<>();
        checkExposure(t.travelledOn(), calendar.today(), problems);
        String residence = residence(user, request.areaCode(), problems);
        EpisodeKind kind = FieldChecks.enumValue(request.kind(), "kind", EpisodeKind.class, EpisodeKind.HOME, problems);
        FieldChecks.failIfAny(problems);
        PersonData reported = new PersonData(new IdNumber(o.idType(), o.idNumber()), "", o.name(),
                o.phone() == null ? null : PhoneNumber.parse(o.phone()), residence, null);
        Registered r = register(user, c.personId(), reported, t.travelledOn(), residence, kind, request.siteId());
        cases.linkTravellerContact(travellerId, r.contactId());
        return r.episodeId();
    }

    private record Registered(long contactId, long episodeId) {
    }

    private Registered register(CordonUser user, long casePersonId, PersonData reported, LocalDate exposure, String residence,
                                EpisodeKind kind, Long siteId) {
        long contactPersonId = registry.registerPerson(reported);
        Optional<Long> inserted = repository.insertCloseContact(casePersonId, contactPersonId, exposure, user.getUsername());
        long contactId = inserted.orElseGet(() -> repository.find(casePersonId, contactPersonId, exposure).orElseThrow());
        String sourceRef = "contact:" + casePersonId + ":" + contactPersonId + ":" + exposure;
        String responsible = accounts.gridWorkerFor(residence).orElse(null);
        // one person, one open observation: a contact already observed (a returnee, another case's contact) keeps it
        long episodeId = episodes.observeContact(contactPersonId, kind, kind == EpisodeKind.CENTRALISED ? siteId : null,
                residence, exposure, responsible, sourceRef);
        if (inserted.isPresent()) {
            repository.linkContactEpisode(contactId, episodeId);
        }
        // a registered person is not changed: differing values wait on the episode for confirmation
        registry.keepReportedIdentity(contactPersonId, reported, ReportedIdentity.RecordType.EPISODE, episodeId, residence,
                user.getUsername());
        return new Registered(contactId, episodeId);
    }

    /** The last exposure: entered, not in the future, less than the observation period ago (older needs no observation). */
    private void checkExposure(LocalDate exposure, LocalDate today, List<FieldProblem> problems) {
        if (exposure == null) {
            problems.add(new FieldProblem("exposureDate", "validation.required"));
        } else if (exposure.isAfter(today)) {
            problems.add(new FieldProblem("exposureDate", "validation.date.future"));
        } else if (!exposure.plusDays(calendar.days()).isAfter(today)) {
            problems.add(new FieldProblem("exposureDate", "validation.contact.exposureTooOld", calendar.days()));
        }
    }

    /** The contact's place of residence: required (no default), a node of the area tree inside the user's area. */
    private String residence(CordonUser user, String areaCode, List<FieldProblem> problems) {
        String code = blankToNull(areaCode);
        if (code == null) {
            problems.add(new FieldProblem("areaCode", "validation.contact.residenceRequired"));
            return null;
        }
        if (areas.findArea(code).isEmpty()) {
            problems.add(new FieldProblem("areaCode", "validation.area.unknown", code));
        } else if (!AreaScope.of(user).covers(code)) {
            problems.add(new FieldProblem("areaCode", "validation.destination.outsideJurisdiction"));
        }
        return code;
    }

    private static void requireRegistrar(CordonUser user) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Close contacts are registered by grid workers and medical staff");
        }
    }
}

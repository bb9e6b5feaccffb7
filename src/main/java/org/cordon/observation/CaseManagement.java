package org.cordon.observation;

import static org.cordon.observation.ObservationAccess.requireArea;

import java.util.ArrayList;
import java.util.List;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.RolePermissions;
import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirmed cases and their contact-tracing tasks (opened by a CONFIRMED referral or isolation outcome): the list of
 * the caller's area, one case with the people who travelled with the person (found through the checkpoint module's
 * API) and the close contacts registered for them, a new search for travellers, a traveller judged no contact, and
 * the task's completion once every traveller is decided. Making a traveller a close contact is
 * {@link CloseContactManagement#registerTraveller}.
 */
@Service
@Transactional(readOnly = true)
public class CaseManagement {

    private final CaseRepository repository;
    private final ReferralChain chain;
    private final ObservationViews views;

    CaseManagement(CaseRepository repository, ReferralChain chain, ObservationViews views) {
        this.repository = repository;
        this.chain = chain;
        this.views = views;
    }

    /** Cases in the user's area, those still being traced first. */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public List<CaseView> cases(CordonUser user) {
        return views.cases(repository.cases(requireArea(user), 500), false);
    }

    /**
     * One case with its tracing task.
     *
     * @throws NotFoundException     no such case
     * @throws AccessDeniedException outside the user's area
     */
    @RequiresPermission(Permission.OBSERVATION_READ)
    public CaseView caseOf(CordonUser user, long caseId) {
        return views.cases(List.of(visible(user, caseId)), true).get(0);
    }

    /**
     * Searches the checkpoints again for people who travelled with the case (passages registered since, e.g. from a
     * device that was offline). Answers the case afterwards.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public CaseView findTravellers(CordonUser user, long caseId) {
        requireTracer(user);
        CaseRepository.StoredCase c = visible(user, caseId);
        chain.findTravellers(c.id(), c.personId(), c.confirmedOn());
        return caseOf(user, caseId);
    }

    /**
     * Records that a fellow traveller is no close contact (a reason is required, e.g. "后车厢，未同乘"); they leave the
     * open list. A traveller made a contact already is refused.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public CaseView dismissTraveller(CordonUser user, long caseId, long travellerId, String note) {
        requireTracer(user);
        visible(user, caseId);
        CaseRepository.StoredTraveller t = repository.traveller(caseId, travellerId)
                .orElseThrow(() -> new NotFoundException("Traveller " + travellerId + " of case " + caseId));
        List<FieldProblem> problems = new ArrayList<>();
        String reason = FieldChecks.text(note, "note", 500, true, problems);
        FieldChecks.failIfAny(problems);
        if (!t.open() || !repository.dismissTraveller(travellerId, user.getUsername(), reason)) {
            throw new ValidationFailedException("traveller", "validation.tracing.travellerDecided");
        }
        return caseOf(user, caseId);
    }

    /**
     * Completes the tracing task: refused while a fellow traveller is neither a close contact nor judged none, and
     * when it was completed already.
     */
    @Transactional
    @RequiresPermission(Permission.OBSERVATION_CHECK)
    public CaseView completeTracing(CordonUser user, long caseId) {
        requireTracer(user);
        CaseRepository.StoredCase c = visible(user, caseId);
        if (c.travellersOpen() > 0) {
            throw new ValidationFailedException("tracing", "validation.tracing.travellersOpen", c.travellersOpen());
        }
        if (!repository.markTracingDone(caseId, user.getUsername())) {
            throw new ValidationFailedException("tracing", "validation.tracing.done");
        }
        return caseOf(user, caseId);
    }

    private static void requireTracer(CordonUser user) {
        if (!RolePermissions.may(user, Permission.OBSERVATION_CHECK)) {
            throw new AccessDeniedException("Contact tracing is done by medical staff and grid workers");
        }
    }

    CaseRepository.StoredCase visible(CordonUser user, long caseId) {
        requireArea(user);
        CaseRepository.StoredCase c = repository.find(caseId).orElseThrow(() -> new NotFoundException("Case " + caseId));
        if (!AreaScope.of(user).covers(c.areaCode())) {
            throw new AccessDeniedException("Case " + caseId + " is outside the jurisdiction of " + user.getUsername());
        }
        return c;
    }
}

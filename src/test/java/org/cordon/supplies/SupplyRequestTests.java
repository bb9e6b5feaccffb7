package org.cordon.supplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lifecycle of a supply request: which transition each status allows, what it checks and which event it names. */
class SupplyRequestTests {

    static final long MASKS = 1;
    static final long GLOVES = 2;
    static final long SUITS = 3;

    static BigDecimal q(String value) {
        return new BigDecimal(value);
    }

    static RequestLineView line(long item, String requested, String approved, String dispatched) {
        return new RequestLineView(item, "item " + item, "个", q(requested), approved == null ? null : q(approved), q(dispatched));
    }

    /** A request of 100 masks and 20 gloves in the given status (approved in full unless REQUESTED or REJECTED). */
    static SupplyRequest request(RequestStatus status) {
        boolean approved = status != RequestStatus.REQUESTED && status != RequestStatus.REJECTED;
        return new SupplyRequest(7, status, List.of(line(MASKS, "100", approved ? "100" : null, "0"),
                line(GLOVES, "20", approved ? "20" : null, "0")), Map.of());
    }

    static SupplyRequest approved(String masks, String gloves) {
        return new SupplyRequest(7, RequestStatus.APPROVED, List.of(line(MASKS, "100", masks, "0"), line(GLOVES, "20", gloves, "0")),
                Map.of());
    }

    static List<String> codes(Runnable transition) {
        try {
            transition.run();
        } catch (ValidationFailedException e) {
            return e.problems().stream().map(p -> p.field() + " " + p.code()).toList();
        }
        throw new AssertionError("no ValidationFailedException");
    }

    static void assertIllegalIn(RequestStatus status, Runnable transition) {
        assertThatThrownBy(transition::run).isInstanceOfSatisfying(ValidationFailedException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            FieldProblem p = e.problems().get(0);
            assertThat(p.field()).isEqualTo("status");
            assertThat(p.code()).isEqualTo("request.validation.status");
            assertThat(p.args()).containsExactly(status.name());
        });
    }

    // ------------------------------------------------------------------ approve

    @Test
    void aRequestedRequestIsApprovedWithAQuantityPerLineAndLinesNotGivenAtZero() {
        SupplyRequest r = request(RequestStatus.REQUESTED);

        Map<Long, BigDecimal> approved = r.approve(List.of(new QuantityLine(MASKS, q("60"))));

        assertThat(r.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(approved).containsOnlyKeys(MASKS, GLOVES);
        assertThat(approved.get(MASKS)).isEqualByComparingTo("60");
        assertThat(approved.get(GLOVES)).isEqualByComparingTo("0");
        assertThat(r.line(MASKS).remaining()).isEqualByComparingTo("60");
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "REQUESTED", mode = EnumSource.Mode.EXCLUDE)
    void onlyARequestedRequestIsApprovedOrRejected(RequestStatus status) {
        assertIllegalIn(status, () -> request(status).approve(List.of(new QuantityLine(MASKS, q("1")))));
        assertIllegalIn(status, () -> request(status).reject("没有库存"));
    }

    @Test
    void anApprovalIsCheckedLineByLine() {
        assertThat(codes(() -> request(RequestStatus.REQUESTED).approve(List.of(new QuantityLine(SUITS, q("1")),
                new QuantityLine(MASKS, q("101")), new QuantityLine(GLOVES, q("1.234")), new QuantityLine(GLOVES, q("-1"))))))
                .containsExactly("lines[0].itemId request.validation.notRequested", "lines[1].quantity request.validation.overRequested",
                        "lines[2].quantity sup.validation.decimals", "lines[3].quantity sup.validation.positive");
        assertThat(codes(() -> request(RequestStatus.REQUESTED).approve(List.of(new QuantityLine(MASKS, q("5")),
                new QuantityLine(MASKS, q("6")))))).containsExactly("lines[1].itemId sup.validation.duplicateItem");
        assertThat(codes(() -> request(RequestStatus.REQUESTED).approve(List.of(new QuantityLine(MASKS, q("0")),
                new QuantityLine(GLOVES, null))))).containsExactly("lines request.validation.nothingApproved");
        assertThat(codes(() -> request(RequestStatus.REQUESTED).approve(null))).containsExactly("lines request.validation.nothingApproved");
    }

    @Test
    void aFailedApprovalLeavesTheRequestAsItWas() {
        SupplyRequest r = request(RequestStatus.REQUESTED);
        codes(() -> r.approve(List.of(new QuantityLine(MASKS, q("500")))));
        assertThat(r.status()).isEqualTo(RequestStatus.REQUESTED);
        assertThat(r.line(MASKS).approved()).isNull();
    }

    // ------------------------------------------------------------------ reject

    @Test
    void aRejectionNeedsAReason() {
        SupplyRequest r = request(RequestStatus.REQUESTED);
        assertThat(codes(() -> r.reject("  "))).containsExactly("reason validation.required");
        assertThat(codes(() -> r.reject("长".repeat(501)))).containsExactly("reason validation.tooLong");
        assertThat(r.status()).isEqualTo(RequestStatus.REQUESTED);

        assertThat(r.reject("  已由区里调拨 ")).isEqualTo("已由区里调拨");
        assertThat(r.status()).isEqualTo(RequestStatus.REJECTED);
    }

    // ------------------------------------------------------------------ dispatch

    @Test
    void aPartDispatchLeavesTheRequestPartiallyDispatchedAndTheRestCompletesIt() {
        SupplyRequest r = request(RequestStatus.APPROVED);

        SupplyRequest.Dispatch first = r.dispatch(List.of(new QuantityLine(MASKS, q("40")), new QuantityLine(GLOVES, null)),
                new ArrayList<>());

        assertThat(first.status()).isEqualTo(RequestStatus.PARTIALLY_DISPATCHED);
        assertThat(r.status()).isEqualTo(RequestStatus.PARTIALLY_DISPATCHED);
        assertThat(first.quantities()).containsOnlyKeys(MASKS);
        assertThat(first.fields()).containsEntry(MASKS, "lines[0].quantity");
        assertThat(first.event(11)).isEqualTo(new SupplyDispatched(11, 7));
        assertThat(r.line(MASKS).remaining()).isEqualByComparingTo("60");

        SupplyRequest.Dispatch rest = r.dispatch(List.of(new QuantityLine(GLOVES, q("20")), new QuantityLine(MASKS, q("60"))),
                new ArrayList<>());

        assertThat(rest.status()).isEqualTo(RequestStatus.DISPATCHED);
        assertThat(r.status()).isEqualTo(RequestStatus.DISPATCHED);
        assertThat(rest.fields()).containsEntry(GLOVES, "lines[0].quantity").containsEntry(MASKS, "lines[1].quantity");
        assertThat(r.line(MASKS).remaining()).isEqualByComparingTo("0");
    }

    @Test
    void aLineApprovedAtZeroNeedsNoDispatch() {
        SupplyRequest r = approved("100", "0");
        assertThat(r.dispatch(List.of(new QuantityLine(MASKS, q("100"))), new ArrayList<>()).status())
                .isEqualTo(RequestStatus.DISPATCHED);
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = {"REQUESTED", "DISPATCHED", "RECEIVED", "REJECTED"})
    void onlyAnApprovedOrPartiallyDispatchedRequestIsDispatched(RequestStatus status) {
        assertIllegalIn(status, () -> request(status).dispatch(List.of(new QuantityLine(MASKS, q("1"))), new ArrayList<>()));
    }

    @Test
    void aDispatchIsCheckedLineByLineAfterTheProblemsFoundBefore() {
        SupplyRequest r = request(RequestStatus.APPROVED);
        List<FieldProblem> problems = new ArrayList<>(List.of(new FieldProblem("warehouseId", "validation.required")));
        assertThat(codes(() -> r.dispatch(List.of(new QuantityLine(SUITS, q("1")), new QuantityLine(MASKS, q("101")),
                new QuantityLine(GLOVES, q("5")), new QuantityLine(GLOVES, q("5"))), problems)))
                .containsExactly("warehouseId validation.required", "lines[0].itemId request.validation.notRequested",
                        "lines[1].quantity request.validation.overRemaining", "lines[3].itemId sup.validation.duplicateItem");
        assertThat(r.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(r.line(GLOVES).dispatched()).isEqualByComparingTo("0");
    }

    @Test
    void aDispatchOfNothingIsRefusedUnlessAnotherFieldIsWrongAlready() {
        List<QuantityLine> empty = List.of(new QuantityLine(MASKS, q("0")), new QuantityLine(GLOVES, null));
        assertThat(codes(() -> request(RequestStatus.APPROVED).dispatch(empty, new ArrayList<>())))
                .containsExactly("lines sup.validation.noLines");
        List<FieldProblem> problems = new ArrayList<>(List.of(new FieldProblem("warehouseId", "sup.validation.unknownWarehouse", 9)));
        assertThat(codes(() -> request(RequestStatus.APPROVED).dispatch(empty, problems)))
                .containsExactly("warehouseId sup.validation.unknownWarehouse");
    }

    // ------------------------------------------------------------------ receipt

    static SupplyRequest withDispatches(RequestStatus status, boolean... received) {
        Map<Long, Boolean> dispatches = new LinkedHashMap<>();
        for (int i = 0; i < received.length; i++) {
            dispatches.put(100L + i, received[i]);
        }
        return new SupplyRequest(7, status, List.of(line(MASKS, "100", "100", "100")), dispatches);
    }

    @Test
    void theLastReceiptOfADispatchedRequestMakesItReceived() {
        SupplyRequest r = withDispatches(RequestStatus.DISPATCHED, true, false);

        SupplyRequest.Receipt receipt = r.confirmReceipt(101);

        assertThat(receipt.completesRequest()).isTrue();
        assertThat(r.status()).isEqualTo(RequestStatus.RECEIVED);
        assertThat(receipt.event()).isEqualTo(new ReceiptConfirmed(101, 7));
    }

    @Test
    void anEarlierReceiptOrOneOfAPartlyDispatchedRequestChangesNoStatus() {
        SupplyRequest dispatched = withDispatches(RequestStatus.DISPATCHED, false, false);
        assertThat(dispatched.confirmReceipt(100).completesRequest()).isFalse();
        assertThat(dispatched.status()).isEqualTo(RequestStatus.DISPATCHED);
        assertThat(dispatched.confirmReceipt(101).completesRequest()).isTrue();

        SupplyRequest partly = withDispatches(RequestStatus.PARTIALLY_DISPATCHED, false);
        SupplyRequest.Receipt receipt = partly.confirmReceipt(100);
        assertThat(receipt.completesRequest()).isFalse();
        assertThat(receipt.event()).isEqualTo(new ReceiptConfirmed(100, 7));
        assertThat(partly.status()).isEqualTo(RequestStatus.PARTIALLY_DISPATCHED);
    }

    @Test
    void aDispatchIsReceivedOnce() {
        SupplyRequest r = withDispatches(RequestStatus.DISPATCHED, true, false);
        assertThat(codes(() -> r.confirmReceipt(100))).containsExactly("dispatch request.validation.alreadyReceived");
        assertThatThrownBy(() -> r.confirmReceipt(999)).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.status()).isEqualTo(RequestStatus.DISPATCHED);
    }
}

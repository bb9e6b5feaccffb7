package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;

import org.cordon.shared.FieldProblem;
import org.junit.jupiter.api.Test;

/** The rules of a returnee registration, shared by the form, the API and roster rows. */
class ReturneeValidatorTests {

    static final LocalDate TODAY = LocalDate.of(2020, 1, 30);
    final ReturneeValidator validator = new ReturneeValidator(
            code -> Set.of("42", "4201", "420102").contains(code) ? java.util.Optional.of(code)
                    : "610821".equals(code) ? java.util.Optional.of("610881") : java.util.Optional.empty(),
            Set.of("610881106201", "610881106")::contains);

    ReturneeRequest request(String name, String idType, String idNumber, String nationality, String origin, LocalDate left,
                            LocalDate arrived, String mode, String destination) {
        return new ReturneeRequest(null, name, idType, idNumber, nationality, "13800138000", origin, left, arrived, mode, "G402", null,
                destination, null);
    }

    @Test
    void aCompleteRegistrationIsValidAndNormalised() {
        ReturneeValidator.Result r = validator.validate(request(" 张三 ", null, "11010519491231002x", null, "420102",
                LocalDate.of(2020, 1, 22), LocalDate.of(2020, 1, 23), "train", "610881106201"), TODAY);
        assertThat(r.ok()).isTrue();
        assertThat(r.valid().person().name()).isEqualTo("张三");
        assertThat(r.valid().person().idNumber().value()).isEqualTo("11010519491231002X");
        assertThat(r.valid().transportMode()).isEqualTo(TransportMode.TRAIN);
        assertThat(r.valid().person().nationality()).isEmpty();
    }

    @Test
    void aPassportKeepsItsNationality() {
        ReturneeValidator.Result r = validator.validate(request("John Smith", "PASSPORT", "e1234567", "usa", null, null, TODAY, null,
                "610881106201"), TODAY);
        assertThat(r.ok()).isTrue();
        assertThat(r.valid().person().nationality()).isEqualTo("USA");
        assertThat(r.valid().person().idNumber().value()).isEqualTo("E1234567");
    }

    @Test
    void everyProblemIsNamed() {
        ReturneeValidator.Result r = validator.validate(request("", "VISA", "x", "U1", "999999", TODAY.plusDays(3), TODAY.plusDays(1),
                "ROCKET", "610881999999"), TODAY);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(FieldProblem::field)
                .contains("name", "idType", "originCode", "arrivedOn", "leftRiskAreaOn", "transportMode", "destinationCode");
    }

    @Test
    void leavingTheRiskAreaAfterArrivingIsImpossible() {
        ReturneeValidator.Result r = validator.validate(request("张三", null, "11010519491231002X", null, "42", TODAY, TODAY.minusDays(1),
                null, "610881106"), TODAY);
        assertThat(r.problems()).extracting(FieldProblem::code).containsExactly("validation.returnee.leftAfterArrival");
    }

    @Test
    void aWrongCheckCharacterIsReportedOnTheIdNumber() {
        ReturneeValidator.Result r = validator.validate(request("张三", null, "110105194912310021", null, null, null, TODAY, null,
                "610881106"), TODAY);
        assertThat(r.problems()).extracting(p -> p.field() + ":" + p.code()).containsExactly("idNumber:validation.idNumber.checksum");
    }
}

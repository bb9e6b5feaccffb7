package org.cordon.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.IdType;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PassageValidatorTests {

    static final Instant NOW = Instant.parse("2020-02-10T04:00:00Z");
    static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneId.of("Asia/Shanghai"));
    static final Set<String> DIVISIONS = Set.of("42", "4201", "420102", "61", "6108", "610802", "610881", "81", "ISO", "ISO:US");
    /** Other spellings the resolver of the area module knows (here: a few of them). */
    static final java.util.Map<String, String> ALIASES = java.util.Map.of("610821", "610881", "US", "ISO:US", "810000", "81");
    static final Set<String> AREAS = Set.of("610881", "610881106", "610881106201");

    static final String ID_1 = "11010519491231002X";
    static final String ID_2 = "440524188001010014";

    final PassageValidator validator = new PassageValidator(PassageValidatorTests::resolveOrigin, AREAS::contains);

    static java.util.Optional<String> resolveOrigin(String typed) {
        return DIVISIONS.contains(typed) ? java.util.Optional.of(typed) : java.util.Optional.ofNullable(ALIASES.get(typed));
    }

    static PassageRequest.OccupantRequest occupant(String name, String idNumber) {
        return new PassageRequest.OccupantRequest(name, null, idNumber, "13800138000", "36.5", null, null, null, null, null);
    }

    static PassageRequest request(String direction, String plate, String vehicleType, String destination,
                                  OffsetDateTime recordedAt, List<PassageRequest.OccupantRequest> occupants) {
        return new PassageRequest(UUID.randomUUID(), direction, plate, vehicleType, "420102", destination, true, recordedAt,
                occupants);
    }

    static PassageRequest car(String plate, PassageRequest.OccupantRequest... occupants) {
        return request("ENTERING", plate, "CAR", "610881106201", null, List.of(occupants));
    }

    List<FieldProblem> problems(PassageRequest request) {
        ValidationFailedException e = catchThrowableOfType(ValidationFailedException.class,
                () -> validator.validate(request, NOW, TODAY));
        assertThat(e).as("validation should fail").isNotNull();
        return e.problems();
    }

    static Set<String> fieldsAndCodes(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + " " + p.code()).collect(Collectors.toSet());
    }

    @Test
    void aValidCarIsNormalised() {
        PassageValidator.ValidPassage valid = validator.validate(
                request(" entering ", "陕k·12345", "car", " 610881106201 ", null, List.of(occupant(" 张三 ", ID_1))), NOW, TODAY);
        assertThat(valid.direction()).isEqualTo(Direction.ENTERING);
        assertThat(valid.vehicleType()).isEqualTo(VehicleType.CAR);
        assertThat(valid.plate().value()).isEqualTo("陕K12345");
        assertThat(valid.originCode()).isEqualTo("420102");
        assertThat(valid.destinationCode()).isEqualTo("610881106201");
        assertThat(valid.recordedAt()).as("no time given: now").isEqualTo(NOW);
        assertThat(valid.disinfected()).isTrue();
        assertThat(valid.occupants()).singleElement().satisfies(o -> {
            assertThat(o.name()).isEqualTo("张三");
            assertThat(o.idNumber().type()).isEqualTo(IdType.RESIDENT_ID);
            assertThat(o.idNumber().value()).isEqualTo(ID_1);
            assertThat(o.phone().value()).isEqualTo("13800138000");
            assertThat(o.temperature().celsius()).isEqualByComparingTo("36.5");
            assertThat(o.symptoms()).isEmpty();
            assertThat(o.riskAreaStay()).isFalse();
            assertThat(o.caseContact()).isFalse();
            assertThat(o.turnedBack()).isFalse();
        });
    }

    @Test
    void aPedestrianNeedsNoPlate() {
        PassageValidator.ValidPassage valid = validator.validate(
                request("ENTERING", null, "PEDESTRIAN", "610881106201", null, List.of(occupant("张三", ID_1))), NOW, TODAY);
        assertThat(valid.plate()).isNull();
        assertThat(valid.vehicleType()).isEqualTo(VehicleType.PEDESTRIAN);
        assertThat(validator.validate(request("ENTERING", " ", "OTHER", "610881106201", null,
                List.of(occupant("张三", ID_1))), NOW, TODAY).plate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CAR", "BUS", "TRUCK", "VAN", "MOTORCYCLE"})
    void aVehicleNeedsAPlate(String vehicleType) {
        assertThat(fieldsAndCodes(problems(request("ENTERING", "", vehicleType, "610881106201", null,
                List.of(occupant("张三", ID_1))))))
                .containsExactly("plateNumber validation.plate.required");
    }

    @Test
    void aWrongPlateIsNamed() {
        assertThat(fieldsAndCodes(problems(car("陕I12345", occupant("张三", ID_1)))))
                .containsExactly("plateNumber validation.plate.format");
    }

    @Test
    void atMostEightyOccupants() {
        List<PassageRequest.OccupantRequest> eighty = new ArrayList<>();
        for (int i = 0; i < PassageValidator.MAX_OCCUPANTS; i++) {
            eighty.add(occupant("乘客", residentId(i)));
        }
        assertThat(validator.validate(request("ENTERING", "陕K12345", "BUS", "610881106201", null, eighty), NOW, TODAY)
                .occupants()).hasSize(80);

        List<PassageRequest.OccupantRequest> eightyOne = new ArrayList<>(eighty);
        eightyOne.add(occupant("乘客", residentId(80)));
        List<FieldProblem> problems = problems(request("ENTERING", "陕K12345", "BUS", "610881106201", null, eightyOne));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("occupants");
            assertThat(p.code()).isEqualTo("validation.occupants.tooMany");
            assertThat(p.args()).containsExactly(80);
        });
    }

    @Test
    void atLeastOneOccupant() {
        assertThat(fieldsAndCodes(problems(car("陕K12345")))).containsExactly("occupants validation.occupants.required");
        assertThat(fieldsAndCodes(problems(request("ENTERING", "陕K12345", "CAR", "610881106201", null, null))))
                .containsExactly("occupants validation.occupants.required");
        assertThat(fieldsAndCodes(problems(request("ENTERING", "陕K12345", "CAR", "610881106201", null,
                Collections.singletonList(null)))))
                .containsExactly("occupants[0] validation.required");
    }

    @Test
    void theTimeOfRegistrationMayNotBeInTheFuture() {
        OffsetDateTime now = NOW.atOffset(ZoneOffset.ofHours(8));
        assertThat(fieldsAndCodes(problems(request("ENTERING", "陕K12345", "CAR", "610881106201", now.plusMinutes(11),
                List.of(occupant("张三", ID_1))))))
                .containsExactly("recordedAt validation.recordedAt.future");
        // a device clock a few minutes fast is tolerated
        assertThat(validator.validate(request("ENTERING", "陕K12345", "CAR", "610881106201", now.plusMinutes(9),
                List.of(occupant("张三", ID_1))), NOW, TODAY).recordedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(9)));
    }

    @Test
    void offlineDevicesMaySendUpToAWeekOld() {
        OffsetDateTime now = NOW.atOffset(ZoneOffset.UTC);
        assertThat(validator.validate(request("ENTERING", "陕K12345", "CAR", "610881106201", now.minusDays(6),
                List.of(occupant("张三", ID_1))), NOW, TODAY).recordedAt()).isEqualTo(NOW.minus(Duration.ofDays(6)));
        List<FieldProblem> problems = problems(request("ENTERING", "陕K12345", "CAR", "610881106201", now.minusDays(8),
                List.of(occupant("张三", ID_1))));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("recordedAt");
            assertThat(p.code()).isEqualTo("validation.recordedAt.tooOld");
            assertThat(p.args()).containsExactly(7L);
        });
    }

    @Test
    void theSameIdNumberTwiceInOnePassage() {
        assertThat(fieldsAndCodes(problems(car("陕K12345", occupant("张三", ID_1), occupant("李四", ID_2),
                occupant("张三", ID_1.toLowerCase())))))
                .containsExactly("occupants[2].idNumber validation.idNumber.duplicate");
    }

    @Test
    void thePassportOfAnotherPersonMayHaveTheSameCharacters() {
        var passport = new PassageRequest.OccupantRequest("John Smith", "passport", "E12345678", null, "36.5", null, null,
                null, null, null);
        var other = new PassageRequest.OccupantRequest("Jane Smith", "OTHER", "e12345678", null, "36.5", null, null, null,
                null, null);
        assertThat(validator.validate(car("陕K12345", passport, other), NOW, TODAY).occupants())
                .extracting(o -> o.idNumber().type() + ":" + o.idNumber().value())
                .containsExactly("PASSPORT:E12345678", "OTHER:E12345678");
    }

    @Test
    void aLowerCaseCheckCharacterIsAccepted() {
        PassageValidator.ValidPassage valid = validator.validate(car("陕K12345", occupant("张三", "11010519491231002x")),
                NOW, TODAY);
        assertThat(valid.occupants().get(0).idNumber().value()).isEqualTo(ID_1);
    }

    @Test
    void leavingNeedsNoDestination() {
        PassageValidator.ValidPassage valid = validator.validate(
                request("LEAVING", "陕K12345", "CAR", null, null, List.of(occupant("张三", ID_1))), NOW, TODAY);
        assertThat(valid.direction()).isEqualTo(Direction.LEAVING);
        assertThat(valid.destinationCode()).isNull();
    }

    @Test
    void enteringNeedsAKnownDestination() {
        assertThat(fieldsAndCodes(problems(request("ENTERING", "陕K12345", "CAR", " ", null,
                List.of(occupant("张三", ID_1))))))
                .containsExactly("destinationAreaCode validation.destination.required");
        assertThat(fieldsAndCodes(problems(request("LEAVING", "陕K12345", "CAR", "610881999", null,
                List.of(occupant("张三", ID_1))))))
                .containsExactly("destinationAreaCode validation.destination.unknown");
    }

    @Test
    void everyProblemIsCollected() {
        var bad = new PassageRequest.OccupantRequest(" ", "VISA", "123", "12345", "45", List.of("FEVER", "SNEEZING"), null,
                null, null, null);
        var worse = new PassageRequest.OccupantRequest("x".repeat(51), null, "110105194912310021", null, "37.25", null, null,
                null, null, null);
        PassageRequest request = new PassageRequest(null, "UP", "陕I12345", "ROCKET", "999999", null, null, null,
                List.of(bad, worse));
        List<FieldProblem> problems = problems(request);
        assertThat(fieldsAndCodes(problems)).containsExactlyInAnyOrder(
                "clientId validation.required",
                "direction validation.enum",
                "vehicleType validation.enum",
                "plateNumber validation.plate.format",
                "originAreaCode validation.origin.unknown",
                "occupants[0].name validation.name.required",
                "occupants[0].idType validation.enum",
                "occupants[0].phone validation.phone.format",
                "occupants[0].temperature validation.temperature.range",
                "occupants[0].symptoms validation.enum",
                "occupants[1].name validation.tooLong",
                "occupants[1].idNumber validation.idNumber.checksum",
                "occupants[1].temperature validation.temperature.precision");
        assertThat(problems).filteredOn(p -> p.field().equals("direction")).singleElement()
                .satisfies(p -> assertThat(p.args()).containsExactly("UP", "ENTERING, LEAVING"));
        // the expected check character is not named (it would invite "fixing" the last character)
        assertThat(problems).filteredOn(p -> p.field().equals("occupants[1].idNumber")).singleElement()
                .satisfies(p -> assertThat(p.args()).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "610821, 610881",   // 神木县 until 2017: stored as 神木市
            "810000, 81",       // Hong Kong in the six-digit GB/T 2260 form
            "81, 81",
            "US, ISO:US",       // a country by ISO 3166-1 alpha-2
            "ISO:US, ISO:US",
            "ISO, ISO",         // abroad, country not known
    })
    void theOriginIsStoredAsTheCurrentCode(String typed, String stored) {
        var request = new PassageRequest(UUID.randomUUID(), "ENTERING", "陕K12345", "CAR", typed, "610881106201", true, null,
                List.of(occupant("张三", ID_1)));
        assertThat(validator.validate(request, NOW, TODAY).originCode()).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource({
            "使224001, EMBASSY",
            "沪A1234领, CONSULATE",
            "KA12345, MILITARY",
            "WJ京12345, ARMED_POLICE",
            "川X1234应急, EMERGENCY",
            "陕08·12345, AGRICULTURAL",
            "陕KD12345, NEW_ENERGY",
            "陕K12345, ORDINARY",
    })
    void specialPlatesAreAcceptedWithTheirKind(String plate, org.cordon.shared.PlateKind kind) {
        var request = new PassageRequest(UUID.randomUUID(), "ENTERING", plate, "CAR", "420102", "610881106201", true, null,
                List.of(occupant("张三", ID_1)));
        assertThat(validator.validate(request, NOW, TODAY).plate().kind()).isEqualTo(kind);
    }

    @Test
    void anUnknownOrMissingOrigin() {
        var request = new PassageRequest(UUID.randomUUID(), "LEAVING", "陕K12345", "CAR", " ", null, false, null,
                List.of(occupant("张三", ID_1)));
        assertThat(fieldsAndCodes(problems(request))).containsExactly("originAreaCode validation.origin.required");
    }

    @Test
    void flagsAndSymptomsAreKept() {
        var o = new PassageRequest.OccupantRequest("张三", "resident_id", ID_1, null, "37", List.of("cough", " FEVER "), true,
                true, true, null);
        PassageValidator.ValidOccupant valid = validator.validate(car("陕K12345", o), NOW, TODAY).occupants().get(0);
        assertThat(valid.symptoms()).containsExactlyInAnyOrder(Symptom.COUGH, Symptom.FEVER);
        assertThat(valid.riskAreaStay()).isTrue();
        assertThat(valid.caseContact()).isTrue();
        assertThat(valid.turnedBack()).isTrue();
        assertThat(valid.phone()).isNull();
        assertThat(valid.temperature().celsius()).isEqualByComparingTo("37.0");
    }

    @Test
    void aBirthDateAfterTodayIsRejected() {
        String bornTomorrow = withCheck("110105" + TODAY.plusDays(1).toString().replace("-", "") + "002");
        assertThatThrownBy(() -> validator.validate(car("陕K12345", occupant("张三", bornTomorrow)), NOW, TODAY))
                .isInstanceOfSatisfying(ValidationFailedException.class, e -> assertThat(fieldsAndCodes(e.problems()))
                        .containsExactly("occupants[0].idNumber validation.idNumber.birthDate"));
    }

    /** Distinct valid resident ID numbers. */
    static String residentId(int i) {
        return withCheck("110105198001" + String.format("%02d", 1 + i % 28) + String.format("%03d", i));
    }

    static String withCheck(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}

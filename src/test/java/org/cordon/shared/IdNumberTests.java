package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTests {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    /** Independent check-character computation, used to build test numbers. */
    private static String withCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK.charAt(sum % 11);
    }

    @ParameterizedTest
    @CsvSource({
            "11010519491231002X, 11010519491231002X",
            "440524188001010014, 440524188001010014",
            "34052419800101001X, 34052419800101001X",
            "11010519491231002x, 11010519491231002X",
            "'  11010519491231002X  ', 11010519491231002X",
            // Shenmu county (神木县), historical area code 610821 — must not be rejected
            "610821198001010012, 610821198001010012",
            "610881199001010013, 610881199001010013",
    })
    void validResidentIds(String raw, String expected) {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, raw);
        assertThat(id.type()).isEqualTo(IdType.RESIDENT_ID);
        assertThat(id.value()).isEqualTo(expected);
    }

    @Test
    void shenmuCheckCharIsComputedCorrectly() {
        assertThat(withCheck("61082119800101001")).isEqualTo("610821198001010012");
        assertThat(IdNumber.parse(IdType.RESIDENT_ID, "610821198001010012").value())
                .isEqualTo("610821198001010012");
    }

    @Test
    void nullTypeIsTreatedAsResidentId() {
        IdNumber id = IdNumber.parse(null, "11010519491231002X");
        assertThat(id.type()).isEqualTo(IdType.RESIDENT_ID);
        assertThat(new IdNumber(null, "11010519491231002x"))
                .isEqualTo(new IdNumber(IdType.RESIDENT_ID, "11010519491231002X"));
    }

    @Test
    void birthDateAndSex() {
        IdNumber female = IdNumber.parse(IdType.RESIDENT_ID, "11010519491231002X");
        assertThat(female.birthDate()).contains(LocalDate.of(1949, 12, 31));
        assertThat(female.sex()).contains(IdNumber.Sex.FEMALE);

        IdNumber male = IdNumber.parse(IdType.RESIDENT_ID, "610821198001010012");
        assertThat(male.birthDate()).contains(LocalDate.of(1980, 1, 1));
        assertThat(male.sex()).contains(IdNumber.Sex.MALE);

        assertThat(IdNumber.parse(IdType.RESIDENT_ID, "440524188001010014").birthDate())
                .contains(LocalDate.of(1880, 1, 1));
    }

    @Test
    void maskedAndToString() {
        IdNumber id = IdNumber.parse(IdType.RESIDENT_ID, "610881199001010013");
        assertThat(id.masked()).isEqualTo("610881********0013");
        assertThat(id.toString()).isEqualTo("610881********0013");
        assertThat(IdNumber.parse(IdType.PASSPORT, "E12345678").masked()).isEqualTo("E1*****78");
    }

    @ParameterizedTest
    @EnumSource(IdType.class)
    void blankIsRequired(IdType type) {
        for (String raw : new String[] {null, "", "   ", "\t"}) {
            assertCode(() -> IdNumber.parse(type, raw), "validation.idNumber.required");
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    void blankWithNullTypeIsRequired(String raw) {
        assertCode(() -> IdNumber.parse(null, raw), "validation.idNumber.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "11010519491231002",      // 17 chars
            "11010519491231002XX",    // 19 chars
            "1101051949123100X2",     // X not in last position
            "11010519491231002Y",     // invalid check char
            "E12345678",
    })
    void wrongFormat(String raw) {
        assertCode(() -> IdNumber.parse(IdType.RESIDENT_ID, raw), "validation.idNumber.format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "10", "16", "20", "24", "30", "38", "40", "47", "49", "55", "60", "66", "70",
            "72", "80", "84", "99"})
    void unknownProvince(String prefix) {
        String raw = withCheck(prefix + "010519800101001");
        assertCode(() -> IdNumber.parse(IdType.RESIDENT_ID, raw), "validation.idNumber.province");
    }

    @ParameterizedTest
    @ValueSource(strings = {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81",
            "82", "83"})
    void knownProvinces(String prefix) {
        String raw = withCheck(prefix + "010519800101001");
        assertThat(IdNumber.parse(IdType.RESIDENT_ID, raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"19800230", "19810229", "19801301", "19800001", "19800132", "17991231", "00000000"})
    void impossibleBirthDate(String date) {
        String raw = withCheck("110105" + date + "001");
        InvalidValueException e = assertCode(() -> IdNumber.parse(IdType.RESIDENT_ID, raw),
                "validation.idNumber.birthDate");
        assertThat(e.args()).containsExactly(date);
    }

    @Test
    void leapDayIsValid() {
        String raw = withCheck("110105" + "20000229" + "001");
        assertThat(IdNumber.parse(IdType.RESIDENT_ID, raw).birthDate()).contains(LocalDate.of(2000, 2, 29));
    }

    @Test
    void futureBirthDate() {
        String date = LocalDate.now().plusYears(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        String raw = withCheck("110105" + date + "001");
        InvalidValueException e = assertCode(() -> IdNumber.parse(IdType.RESIDENT_ID, raw),
                "validation.idNumber.birthDate");
        assertThat(e.args()).containsExactly(date);
    }

    @Test
    void futureBirthDateAgainstExplicitToday() {
        String raw = withCheck("110105" + "20200102" + "001");
        LocalDate today = LocalDate.of(2020, 1, 1);
        assertCode(() -> IdNumber.parse(IdType.RESIDENT_ID, raw, today), "validation.idNumber.birthDate");
        assertThat(IdNumber.parse(IdType.RESIDENT_ID, raw, today.plusDays(1)).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @CsvSource({
            "110105194912310021, X",
            "340524198001010010, X",
            "440524188001010010, 4",
            "610821198001010013, 2",
            "61082119800101001X, 2",
            "61082119800101001x, 2",
    })
    void wrongChecksum(String raw, String expected) {
        InvalidValueException e = assertCode(() -> IdNumber.parse(IdType.RESIDENT_ID, raw),
                "validation.idNumber.checksum");
        // the expected character is not named: "fixing" the last character would store a wrong number
        assertThat(e.args()).isEmpty();
        assertThat(raw.substring(0, 17) + expected).satisfies(right -> IdNumber.parse(IdType.RESIDENT_ID, right));
    }

    /**
     * What Chinese input methods and office suites put into an ID number, taken out before it is checked (the
     * Unicode escapes below are turned into the characters by the compiler).
     */
    @ParameterizedTest
    @CsvSource({
            "１１０１０５１９４９１２３１００２Ｘ, 11010519491231002X",   // full-width digits and X
            "１１０１０５１９４９１２３１００２ｘ, 11010519491231002X",   // full-width x
            "'11010519491231002X\u00A0', 11010519491231002X",         // no-break space after
            "'\u3000110105 19491231 002X', 11010519491231002X",       // ideographic space, spaces inside
            "'1101051949\u200B1231002X', 11010519491231002X",         // zero-width space inside
            "'\uFEFF11010519491231002X\u2060', 11010519491231002X",  // byte-order mark, word joiner
            "'６１０８２１\u00A0１９８００１０１００１２', 610821198001010012",
    })
    void typedInputIsNormalisedFirst(String raw, String expected) {
        assertThat(IdNumber.parse(IdType.RESIDENT_ID, raw).value()).isEqualTo(expected);
    }

    @Test
    void onlyInvisibleCharactersAreNoNumber() {
        assertCode(() -> IdNumber.parse(IdType.RESIDENT_ID, "\u00A0\u200B\u3000"), "validation.idNumber.required");
    }

    @ParameterizedTest
    @CsvSource({
            "PASSPORT, E12345678, E12345678",
            "PASSPORT, e12345678, E12345678",
            "PASSPORT, ' g1234567 ', G1234567",
            "PASSPORT, E 12345678, E12345678",
            "PASSPORT, Ｅ１２３４５６７８, E12345678",
            "PASSPORT, AB-12, AB-12",
            "OTHER, H1234567890, H1234567890",
            "OTHER, c12345678901234567-9, C12345678901234567-9",
            // a resident-ID-shaped string is accepted verbatim for other document types
            "OTHER, 11010519491231002x, 11010519491231002X",
    })
    void validDocuments(IdType type, String raw, String expected) {
        IdNumber id = IdNumber.parse(type, raw);
        assertThat(id.type()).isEqualTo(type);
        assertThat(id.value()).isEqualTo(expected);
        assertThat(id.birthDate()).isEmpty();
        assertThat(id.sex()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "PASSPORT, E123",
            "PASSPORT, E1234567890123456789X",
            "PASSPORT, E1234_5678",
            "OTHER, 港A12345",
            "OTHER, A1234.",
    })
    void invalidDocuments(IdType type, String raw) {
        assertCode(() -> IdNumber.parse(type, raw), "validation.idNumber.document");
    }

    @Test
    void constructorValidatesToo() {
        assertCode(() -> new IdNumber(IdType.RESIDENT_ID, "110105194912310021"), "validation.idNumber.checksum");
        assertCode(() -> new IdNumber(IdType.PASSPORT, "x"), "validation.idNumber.document");
    }

    @Test
    void exceptionMessageIsTheCode() {
        assertThatThrownBy(() -> IdNumber.parse(IdType.RESIDENT_ID, "123"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("validation.idNumber.format");
    }

    static InvalidValueException assertCode(Runnable action, String code) {
        try {
            action.run();
        } catch (InvalidValueException e) {
            assertThat(e.messageCode()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(code);
            return e;
        }
        throw new AssertionError("expected InvalidValueException with code " + code);
    }
}

package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.shared.IdNumberTests.assertCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PlateNumberTests {

    @ParameterizedTest
    @CsvSource({
            "陕K12345, 陕K12345",
            "陕KD12345, 陕KD12345",     // new-energy small car
            "陕KFA1234, 陕KFA1234",     // new-energy small car, letter in 2nd position
            "陕K12345D, 陕K12345D",     // new-energy large vehicle
            "陕K12345F, 陕K12345F",
            "陕KA1B2C, 陕KA1B2C",
            "蒙A·12345, 蒙A12345",
            "蒙A•12345, 蒙A12345",
            "京A-12345, 京A12345",
            "' 京 a 12345 ', 京A12345",
            "粤bd12345, 粤BD12345",
            "陕K1234挂, 陕K1234挂",
            "陕K1234学, 陕K1234学",
            "陕A1234警, 陕A1234警",
            "粤Z1234港, 粤Z1234港",
            "粤Z1234澳, 粤Z1234澳",
            "使224·001, 使224001",
            "wj京12345, WJ京12345",
            "ka·12345, KA12345",
            "琼Z12345, 琼Z12345",
            "藏A12345, 藏A12345",
            "陕Ｋ１２３４５, 陕K12345",                 // full-width letter and digits
            "陕ｋｄ１２３４５, 陕KD12345",
            "'陕K\u00A012345', 陕K12345",             // no-break space
            "'\u3000陕K·12345\u3000', 陕K12345",     // ideographic spaces
            "'陕K12\u200B345', 陕K12345",             // zero-width space
            "陕K・12345, 陕K12345",                    // katakana middle dot (a Japanese input method's 中点)
    })
    void valid(String raw, String expected) {
        assertThat(PlateNumber.parse(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "陕I12345",     // I is not an authority letter
            "陕O12345",     // O is not an authority letter
            "陕K1234",      // too short
            "XK12345",      // no province
            "陕K123456",    // 6 digits is not new-energy
            "陕K1234I",     // I not allowed in serial
            "陕KO1234",     // O not allowed in serial
            "陕K12挂34",    // suffix only at the end
            "陕KD1234D",    // new-energy with D at both ends
            "陕KA12345",    // 6 chars, not new-energy
            "陕KF1A234",    // new-energy small car needs 4 trailing digits
            "陕K1234567",
            "港K12345",     // not a province abbreviation
            "陕K1234港",    // Hong Kong and Macao cross-border plates are 粤Z only
            "陕1K2345",
            "陕",
    })
    void format(String raw) {
        assertCode(() -> PlateNumber.parse(raw), "validation.plate.format");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void required(String raw) {
        assertCode(() -> PlateNumber.parse(raw), "validation.plate.required");
    }

    /** Each kind: plates that have it (normalised as shown), and near misses that are refused. */
    @ParameterizedTest
    @CsvSource({
            "陕K12345, ORDINARY", "陕KA1B2C, ORDINARY", "京AB1234, ORDINARY",
            "陕KD12345, NEW_ENERGY", "陕KFA1234, NEW_ENERGY", "陕K12345D, NEW_ENERGY", "粤BF12345, NEW_ENERGY",
            "陕K1234挂, TRAILER", "陕KA123挂, TRAILER",
            "陕K1234学, LEARNER",
            "陕A1234警, POLICE", "浙O1234警, POLICE",
            "粤Z1234港, HONG_KONG_MACAO", "粤ZA123澳, HONG_KONG_MACAO",
            "沪A1234领, CONSULATE", "粤A0012领, CONSULATE",
            "使224001, EMBASSY", "使 196-013, EMBASSY",
            "KA12345, MILITARY", "VA00001, MILITARY", "HB12345, MILITARY", "QD12345, MILITARY",
            "WJ12345, ARMED_POLICE", "WJ京12345, ARMED_POLICE", "WJ粤1234X, ARMED_POLICE", "WJ琼1234B, ARMED_POLICE",
            "WJ0112345, ARMED_POLICE", "WJ01T1234, ARMED_POLICE",
            "川X1234应急, EMERGENCY", "琼X0119应急, EMERGENCY", "应急京123X, EMERGENCY",
            "陕08·12345, AGRICULTURAL", "鲁15-12345, AGRICULTURAL", "冀05A1234, AGRICULTURAL",
    })
    void kinds(String raw, PlateKind kind) {
        assertThat(PlateNumber.parse(raw).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "使22400",          // embassy: 6 digits after 使
            "使2240011",
            "使A24001",
            "沪A123领",         // consulate: 4 digits
            "沪AB123领",
            "A1234领",
            "XK12345",          // military: no such first letter
            "KA1234",           // military: 5 digits
            "KI12345",          // I is not a letter of plates
            "K12345",
            "WJ1234",           // armed police: 5 characters after WJ (and the province)
            "WJ京123456",
            "WJ港12345",        // not a province
            "WJ京X1234",        // the service letter comes last
            "川X123应急",       // emergency: 4 digits
            "川XA1234应急",
            "应急京12X",
            "应急港123X",
            "陕081234",         // tractor: 2 digits and a five-character serial
            "陕0812345678",
            "陕8·12345",
            "粤A1234港",        // cross-border plates are 粤Z
            "陕K1234澳",
            "陕K123挂",
            "陕K12345挂",
    })
    void kindsNearMisses(String raw) {
        assertCode(() -> PlateNumber.parse(raw), "validation.plate.format");
    }

    @Test
    void lowerCaseAndSeparatorsAreTheSamePlate() {
        assertThat(PlateNumber.parse("wj 京 1234x")).isEqualTo(PlateNumber.parse("WJ京1234X"));
        assertThat(PlateNumber.parse("qd-12345").kind()).isEqualTo(PlateKind.MILITARY);
        assertThat(PlateNumber.parse("川x·1234应急").value()).isEqualTo("川X1234应急");
    }

    @Test
    void constructorNormalisesAndValidates() {
        assertThat(new PlateNumber("蒙a·12345")).isEqualTo(PlateNumber.parse("蒙A12345"));
        assertCode(() -> new PlateNumber("陕I12345"), "validation.plate.format");
    }
}

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

    @Test
    void constructorNormalisesAndValidates() {
        assertThat(new PlateNumber("蒙a·12345")).isEqualTo(PlateNumber.parse("蒙A12345"));
        assertCode(() -> new PlateNumber("陕I12345"), "validation.plate.format");
    }
}

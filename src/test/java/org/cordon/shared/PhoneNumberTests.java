package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.shared.IdNumberTests.assertCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTests {

    @ParameterizedTest
    @CsvSource({
            "13812345678, 13812345678",
            "'138 1234 5678', 13812345678",
            "138-1234-5678, 13812345678",
            "'  19912345678 ', 19912345678",
            "+8613812345678, 13812345678",
            "'+86 138 1234 5678', 13812345678",
            "8613812345678, 13812345678",
            "86-138-1234-5678, 13812345678",
            "15012345678, 15012345678",
            "１３８１２３４５６７８, 13812345678",          // full-width digits (a Chinese input method)
            "'138\u00A01234\u00A05678', 13812345678",     // no-break spaces
            "'\u3000138 1234 5678\u3000', 13812345678",   // ideographic spaces
            "'1381234\u200B5678', 13812345678",            // a zero-width space inside
            "'＋８６　１３８－１２３４－５６７８', 13812345678",
    })
    void valid(String raw, String expected) {
        assertThat(PhoneNumber.parse(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void required(String raw) {
        assertCode(() -> PhoneNumber.parse(raw), "validation.phone.required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1381234567",       // 10 digits
            "138123456789",     // 12 digits
            "12812345678",      // second digit 2
            "10812345678",
            "23812345678",
            "1381234567a",
            "+8612812345678",   // prefix stripped but still invalid
            "+85213812345678",  // wrong country code
            "+86138123456",     // prefix but not 11 digits after it
            "010-12345678",     // landline
            "---",
            "１２８１２３４５６７８", // full-width digits are digits, and this is no mobile number
    })
    void format(String raw) {
        assertCode(() -> PhoneNumber.parse(raw), "validation.phone.format");
    }

    @Test
    void maskedAndToString() {
        PhoneNumber phone = PhoneNumber.parse("138-1234-5678");
        assertThat(phone.masked()).isEqualTo("138****5678");
        assertThat(phone.toString()).isEqualTo("138****5678");
    }

    @Test
    void constructorNormalisesAndValidates() {
        assertThat(new PhoneNumber("+86 138 1234 5678")).isEqualTo(PhoneNumber.parse("13812345678"));
        assertCode(() -> new PhoneNumber("12345"), "validation.phone.format");
    }
}

package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one normaliser of typed identifiers (the Unicode escapes below are characters once compiled). */
class TypedInputTests {

    @ParameterizedTest
    @CsvSource({
            "６１０８８１１０６２０１, 610881106201",         // full-width digits
            "'610881\u00A0106201', 610881106201",             // no-break space
            "'\u3000610881106201\u3000', 610881106201",       // ideographic spaces
            "'610881\u200B106201', 610881106201",             // zero-width space
            "'\u200C610881\u200D106201\u2060', 610881106201", // zero-width (non-)joiner, word joiner
            "'\uFEFF610881106201', 610881106201",             // byte-order mark
            "'610881\u00AD106201', 610881106201",             // soft hyphen
            "'610881\u2007106201\u202F', 610881106201",       // figure and narrow no-break spaces
            "'610881\t106201\r\n', 610881106201",
            "ｘＸ－, xX-",                                    // full-width letters keep their case; the hyphen
            "610881106201, 610881106201",
    })
    void identifiersLoseFullWidthFormsSpacesAndInvisibleCharacters(String raw, String expected) {
        assertThat(TypedInput.identifier(raw)).isEqualTo(expected);
        assertThat(TypedInput.code(raw)).isEqualTo(expected);
    }

    @Test
    void nothingLeftIsEmptyOrNoCode() {
        assertThat(TypedInput.identifier(null)).isNull();
        assertThat(TypedInput.identifier("\u00A0\u200B\u3000 ")).isEmpty();
        assertThat(TypedInput.code("\u00A0\u200B\u3000 ")).isNull();
        assertThat(TypedInput.code("")).isNull();
    }

    @Test
    void blankSeesNoBreakAndZeroWidthCharactersThatIsBlankDoesNot() {
        assertThat("\u00A0\u200B".isBlank()).isFalse();
        assertThat(TypedInput.blank("\u00A0\u200B\u3000\t")).isTrue();
        assertThat(TypedInput.blank(null)).isTrue();
        assertThat(TypedInput.blank("\u00A0x")).isFalse();
    }

    @Test
    void trimTakesSpacesOfAnyKindAtTheEndsOnlyAndNoNormalisation() {
        assertThat(TypedInput.trim("\u3000张\u00A0三\u00A0 ")).isEqualTo("张\u00A0三");
        assertThat(TypedInput.trim("ＡＢ")).isEqualTo("ＡＢ");
        assertThat(TypedInput.trim("\u00A0\u3000")).isNull();
        assertThat(TypedInput.trim("𠮷野\u3000")).isEqualTo("𠮷野");
        // an invisible character stays, for TextRules to refuse in a name
        assertThat(TypedInput.trim("张三\u200B ")).isEqualTo("张三\u200B");
    }
}

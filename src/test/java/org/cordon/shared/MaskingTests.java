package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTests {

    @ParameterizedTest
    @CsvSource({
            "610881199001010015, 610881********0015",
            "11010519491231002X, 110105********002X",
            "E12345678, E1*****78",
            "ABCDE, AB*DE",
            "ABCD, ****",
            "AB, **",
            "'', ''",
    })
    void idNumber(String raw, String expected) {
        assertThat(Masking.idNumber(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "13812345678, 138****5678",
            "02912345678, 029****5678",
            "12345, ***45",
            "123, *23",
            "12, **",
            "1, *",
            "'', ''",
    })
    void phone(String raw, String expected) {
        assertThat(Masking.phone(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "张, *",
            "张三, 张*",
            "张小明, 张*明",
            "欧阳小明, 欧**明",
            "Alexander, A*******r",
            "'', ''",
    })
    void name(String raw, String expected) {
        assertThat(Masking.name(raw)).isEqualTo(expected);
    }

    @Test
    void nullsStayNull() {
        assertThat(Masking.idNumber(null)).isNull();
        assertThat(Masking.phone(null)).isNull();
        assertThat(Masking.name(null)).isNull();
    }

    @Test
    void nonBmpCharactersAreNotSplit() {
        // U+20BB7 (𠮷) is outside the BMP: two chars, one code point
        String ji = new String(Character.toChars(0x20BB7));
        assertThat(Masking.name(ji)).isEqualTo("*");
        assertThat(Masking.name(ji + "三")).isEqualTo(ji + "*");
        assertThat(Masking.name("张" + ji)).isEqualTo("张*");
        assertThat(Masking.name(ji + "小" + ji)).isEqualTo(ji + "*" + ji);
        assertThat(Masking.name("王" + ji + ji + "明")).isEqualTo("王**明");
        assertThat(Masking.idNumber(ji + ji + "123" + ji + ji)).isEqualTo(ji + ji + "***" + ji + ji);
        assertThat(Masking.phone("1234" + ji)).isEqualTo("***4" + ji);
    }
}

package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which characters a text, and which a name, may hold. */
class TextRulesTests {

    @Test
    void tabsLineBreaksAndEveryPrintableCharacterAreFineInAnyText() {
        assertThat(TextRules.forbiddenControl("第一行\r\n第二行\t制表 😷 ‮ ​")).isEqualTo(-1);
        assertThat(TextRules.forbiddenControl(null)).isEqualTo(-1);
        assertThat(TextRules.forbiddenControl("")).isEqualTo(-1);
    }

    @ParameterizedTest(name = "U+{0} is refused in any text")
    @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F})
    void controlCharactersOtherThanTabAndLineBreaksAreRefused(int c) {
        String text = "张三" + (char) c + "丰";
        assertThat(TextRules.forbiddenControl(text)).isEqualTo(2);
        FieldProblem problem = TextRules.controlProblem("note", text).orElseThrow();
        assertThat(problem.field()).isEqualTo("note");
        assertThat(problem.code()).isEqualTo(TextRules.CONTROL);
        assertThat(problem.args()).containsExactly("3", String.format("U+%04X", c));
    }

    @Test
    void loneSurrogatesAreRefusedPairsAreNot() {
        assertThat(TextRules.forbiddenControl("a\uD800b")).isEqualTo(1);
        assertThat(TextRules.forbiddenControl("a\uDC00")).isEqualTo(1);
        assertThat(TextRules.forbiddenControl("ab\uD83D")).isEqualTo(2);
        assertThat(TextRules.forbiddenControl("\uD83D\uDE37")).isEqualTo(-1);
        // positions count characters as a user sees them: the mask before the NUL is one
        assertThat(TextRules.controlProblem("f", "\uD83D\uDE37\u0000").orElseThrow().args()).containsExactly("2", "U+0000");
    }

    @ParameterizedTest(name = "U+{0} is refused in a name")
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C,
            0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x2028, 0x2029, 0x09, 0x0A, 0x0D, 0xFFFD})
    void invisibleAndDirectionCharactersAreRefusedInNames(int c) {
        String name = "张" + (char) c + "三";
        FieldProblem problem = TextRules.nameProblem("occupants[0].name", name).orElseThrow();
        assertThat(problem.field()).isEqualTo("occupants[0].name");
        assertThat(problem.code()).isEqualTo(TextRules.NAME_INVISIBLE);
        assertThat(problem.args()).containsExactly("2", String.format("U+%04X", c));
        assertThat(TextRules.forbiddenControl(name)).as("outside names they are fine").isEqualTo(-1);
    }

    @Test
    void aNameWithAControlCharacterGetsTheControlMessage() {
        assertThat(TextRules.nameProblem("name", "张\u0000三").orElseThrow().code()).isEqualTo(TextRules.CONTROL);
    }

    @Test
    void ordinaryNamesOfEveryScriptPass() {
        for (String name : List.of("张三", "欧阳娜娜", "买买提·艾力", "Anne-Marie O'Neil", "José Müller", "محمد", "Nguyễn Văn A",
                "中鸡镇 第一村民小组", "神木市慈善协会（2020）")) {
            assertThat(TextRules.nameProblem("name", name)).as(name).isEmpty();
        }
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(TextRules.checkName("name", null, problems)).isTrue();
        assertThat(TextRules.checkName("name", "‮evil", problems)).isFalse();
        assertThat(problems).hasSize(1);
    }
}

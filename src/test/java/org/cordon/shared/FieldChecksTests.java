package org.cordon.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FieldChecksTests {

    private static List<String> codes(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + " " + p.code()).toList();
    }

    @Test
    void textIsStrippedBlankIsNullAndEveryProblemIsCollected() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(FieldChecks.text("  甲乙  ", "name", 2, true, problems)).isEqualTo("甲乙");
        assertThat(FieldChecks.text(" ", "note", 10, false, problems)).isNull();
        assertThat(FieldChecks.required(" ", "title", 10, problems)).isEmpty();
        assertThat(FieldChecks.text("𠀀𠀀𠀀", "place", 2, false, problems)).isEqualTo("𠀀𠀀𠀀"); // 3 code points, 6 chars
        assertThat(codes(problems)).containsExactly("title validation.required", "place validation.tooLong");
        assertThat(problems.get(1).args()).containsExactly(2, 3);
        assertThatThrownBy(() -> FieldChecks.failIfAny(problems)).isInstanceOf(ValidationFailedException.class);
        FieldChecks.failIfAny(List.of());
    }

    @Test
    void enumsAndPhones() {
        List<FieldProblem> problems = new ArrayList<>();
        assertThat(FieldChecks.enumValue("monday", "day", DayOfWeek.class, null, problems)).isEqualTo(DayOfWeek.MONDAY);
        assertThat(FieldChecks.enumValue("", "day", DayOfWeek.class, DayOfWeek.SUNDAY, problems)).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(FieldChecks.enumValue("", "required", DayOfWeek.class, null, problems)).isNull();
        assertThat(FieldChecks.enumValue("someday", "unknown", DayOfWeek.class, null, problems)).isNull();
        assertThat(FieldChecks.phone("13912345678", "phone", problems)).isEqualTo("13912345678");
        assertThat(FieldChecks.phone("12", "badPhone", problems)).isNull();
        assertThat(codes(problems)).hasSize(3).startsWith("required validation.required", "unknown validation.enum");
        assertThat(problems.get(2).field()).isEqualTo("badPhone");
    }
}

package org.cordon.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Workbooks as LibreOffice Calc saves them (src/test/resources/rosters): every sheet in order with its name and
 * whether it is hidden, row numbers per sheet, merged cells with their text in the first cell only, date cells.
 */
class OfficeWorkbookReadingTests {

    static final TabularLimits LIMITS = new TabularLimits(1000, 50, 500);

    static TabularReader open(String name, TabularLimits limits) throws IOException {
        InputStream in = OfficeWorkbookReadingTests.class.getResourceAsStream("/rosters/" + name);
        assertThat(in).as(name).isNotNull();
        return TabularReader.open(in, limits);
    }

    record SheetSeen(String name, boolean hidden, List<Integer> rows) {
    }

    @Test
    void everySheetIsReadInTurnWithItsNameAndItsOwnRowNumbers() throws IOException {
        List<SheetSeen> seen = new ArrayList<>();
        try (TabularReader reader = open("several-sheets.xlsx", LIMITS)) {
            assertThat(reader.format()).isEqualTo(TabularFormat.XLSX);
            do {
                List<Integer> rows = new ArrayList<>();
                for (TabularRow row = reader.next(); row != null; row = reader.next()) {
                    rows.add(row.number());
                }
                seen.add(new SheetSeen(reader.sheet(), reader.sheetHidden(), rows));
            } while (reader.nextSheet());
            assertThat(reader.next()).isNull();
            assertThat(reader.nextSheet()).isFalse();
        }
        assertThat(seen).containsExactly(
                new SheetSeen("中鸡镇", false, List.of(1, 2, 3, 4, 5)),
                new SheetSeen("锦界镇", false, List.of(1, 2, 3, 4, 5)),
                new SheetSeen("填写说明", false, List.of(1, 2, 3)),
                new SheetSeen("Sheet4", false, List.of()),
                new SheetSeen("备份", true, List.of(1, 2, 3)),
                new SheetSeen("孙家岔镇", false, List.of(1, 2)));
    }

    @Test
    void aCsvFileIsOneTableWithoutAName() throws IOException {
        try (TabularReader reader = open("title-row.csv", LIMITS)) {
            assertThat(reader.sheet()).isNull();
            assertThat(reader.sheetHidden()).isFalse();
            int rows = 0;
            while (reader.next() != null) {
                rows++;
            }
            assertThat(rows).isEqualTo(9);
            assertThat(reader.nextSheet()).isFalse();
        }
    }

    @Test
    void aMergedCellHasItsTextInItsFirstCellOnly() throws IOException {
        try (TabularReader reader = open("two-row-header.xlsx", LIMITS)) {
            TabularRow groups = reader.next();
            TabularRow labels = reader.next();
            TabularRow first = reader.next();
            assertThat(groups.text(0)).isEqualTo("序号");
            assertThat(groups.text(2)).isEqualTo("证件信息");
            assertThat(groups.text(3)).isEmpty();
            assertThat(groups.text(12)).isEqualTo("目的地");
            assertThat(labels.text(0)).as("merged down").isEmpty();
            assertThat(labels.text(1)).as("merged down").isEmpty();
            assertThat(labels.text(3)).isEqualTo("证件号码");
            assertThat(labels.text(12)).isEqualTo("代码");
            // the arrival date is a date cell; the sequence a number
            assertThat(first.cell(8).date()).hasToString("2020-01-22");
            assertThat(first.cell(0).number()).isEqualByComparingTo("1");
        }
    }

    @Test
    void theRowLimitCountsTheRowsOfEverySheet() throws IOException {
        // 5 + 5 + 3 + 0 + 3 + 2 rows (the reader reads a hidden sheet too): a limit of 15 is passed in the fifth
        // sheet's third row
        TabularException e;
        try (TabularReader reader = open("several-sheets.xlsx", new TabularLimits(15, 50, 500))) {
            e = catchThrowableOfType(TabularException.class, () -> {
                do {
                    while (reader.next() != null) {
                        // read on
                    }
                } while (reader.nextSheet());
            });
        }
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(TabularException.Kind.TOO_MANY_ROWS);
        assertThat(e.row()).isEqualTo(3);
        try (TabularReader reader = open("several-sheets.xlsx", new TabularLimits(18, 50, 500))) {
            int rows = 0;
            do {
                while (reader.next() != null) {
                    rows++;
                }
            } while (reader.nextSheet());
            assertThat(rows).isEqualTo(18);
        }
    }
}

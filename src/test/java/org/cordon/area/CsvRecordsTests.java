package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV reader of the import: quoting, line endings, byte-order mark, runaway quotes. */
class CsvRecordsTests {

    static List<List<String>> read(String text) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvRecords csv = new CsvRecords(new StringReader(text))) {
            List<String> r;
            while ((r = csv.next()) != null) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        assertThat(read("\uFEFFcode,name\r\n1,\"a, \"\"b\"\"\nc\"\n2,\n\n3,x"))
                .containsExactly(List.of("code", "name"), List.of("1", "a, \"b\"\nc"), List.of("2", ""), List.of(""), List.of("3", "x"));
    }

    @Test
    void countsRecordsLikeASpreadsheetCountsRows() throws IOException {
        try (CsvRecords csv = new CsvRecords(new StringReader("h\r\na\r\n\r\nb\r\n"))) {
            csv.next();
            csv.next();
            csv.next();
            csv.next();
            assertThat(csv.recordNumber()).isEqualTo(4);
            assertThat(csv.next()).isNull();
        }
    }

    @Test
    void anUnclosedQuoteStopsAtTheRecordLimit() {
        String runaway = "a,\"" + "x".repeat(CsvRecords.MAX_RECORD_LENGTH + 10);
        assertThatThrownBy(() -> read("h\n" + runaway)).isInstanceOf(CsvRecords.RecordTooLongException.class);
    }

    @Test
    void quotesFieldsForWriting() {
        assertThat(CsvRecords.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvRecords.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvRecords.quote("=cmd()")).isEqualTo("'=cmd()");
        assertThat(CsvRecords.quote(null)).isEmpty();
        assertThat(CsvRecords.quote("中鸡一村")).isEqualTo("中鸡一村");
    }
}

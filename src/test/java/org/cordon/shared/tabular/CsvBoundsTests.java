package org.cordon.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * CSV is bounded while it streams, whatever the file: an endless line without a line break, an endless run of
 * separators, endless blank lines and an unclosed quote each stop after a bounded number of bytes, with the roster's
 * limits (rows as in Excel, 200 columns, 10,000 characters per cell).
 */
class CsvBoundsTests {

    static final TabularLimits ROSTER = new TabularLimits(1_048_576, 200, 10_000);

    /** An endless stream: {@code head}, then {@code filler} again and again; counts what was served. */
    static final class Endless extends InputStream {
        private final byte[] head;
        private final byte[] filler;
        long served;

        Endless(String head, String filler) {
            this.head = head.getBytes(StandardCharsets.UTF_8);
            this.filler = filler.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            long i = served++;
            return i < head.length ? head[(int) i] & 0xFF : filler[(int) ((i - head.length) % filler.length)] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int k = 0; k < len; k++) {
                b[off + k] = (byte) read();
            }
            return len;
        }
    }

    static TabularException.Kind readToTheEnd(Endless in) {
        TabularException[] thrown = new TabularException[1];
        assertThatThrownBy(() -> {
            try (TabularReader reader = TabularReader.open(in, ROSTER)) {
                while (reader.next() != null) {
                    // read on
                }
            }
        }).isInstanceOfSatisfying(TabularException.class, e -> thrown[0] = e);
        return thrown[0].kind();
    }

    @Test
    void anEndlessLineWithoutALineBreakStopsAsAnOverlongCell() {
        Endless in = new Endless("姓名,证件号码\r\n", "x");
        assertThat(readToTheEnd(in)).isEqualTo(TabularException.Kind.CELL_TOO_LONG);
        assertThat(in.served).as("bytes read").isLessThan(10_000_000);
    }

    @Test
    void anEndlessRunOfSeparatorsStops() {
        Endless in = new Endless("a,b\r\n", ",");
        assertThat(readToTheEnd(in)).isIn(TabularException.Kind.CELL_TOO_LONG, TabularException.Kind.TOO_MANY_COLUMNS);
        assertThat(in.served).isLessThan(10_000_000);
    }

    @Test
    void anUnclosedQuoteOverLineBreaksStops() {
        Endless in = new Endless("a,b\r\n1,\"", "line\r\n");
        TabularException.Kind kind = readToTheEnd(in);
        assertThat(kind).isEqualTo(TabularException.Kind.CELL_TOO_LONG);
        assertThat(in.served).isLessThan(10_000_000);
    }

    @Test
    void endlessBlankLinesStopAtTheRowLimit() {
        Endless in = new Endless("a,b\r\n", "\r\n");
        assertThat(readToTheEnd(in)).isEqualTo(TabularException.Kind.TOO_MANY_ROWS);
        assertThat(in.served).isLessThan(2L * (ROSTER.maxRows() + 1) + 200_000);
    }

    @Test
    void rowsOfTooManyColumnsStopAtTheFirst() {
        Endless in = new Endless("a,b\r\n", ",".repeat(250) + "x\r\n");
        assertThat(readToTheEnd(in)).isEqualTo(TabularException.Kind.TOO_MANY_COLUMNS);
        assertThat(in.served).isLessThan(200_000);
    }
}

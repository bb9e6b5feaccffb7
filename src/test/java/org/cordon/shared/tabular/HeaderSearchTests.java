package org.cordon.shared.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Finding the header among the first rows: title rows, two-row headers, what is reported when there is none. */
class HeaderSearchTests {

    /** Labels of a small table: code, name, kind (Chinese or English), households. */
    static final Map<String, String> LABELS = Map.of("code", "code", "代码", "code", "name", "name", "名称", "name",
            "kind", "kind", "类型", "kind", "households", "households", "户数", "households", "上级代码", "parent");
    static final HeaderSearch<String> SEARCH = new HeaderSearch<>(LABELS::get, Set.of("code", "name", "kind"));

    static HeaderSearch.Outcome<String> find(String csv) throws IOException {
        try (TabularReader reader = TabularReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                new TabularLimits(1000, 20, 200))) {
            HeaderSearch.Outcome<String> outcome = SEARCH.find(reader);
            List<Integer> rest = new ArrayList<>();
            for (TabularRow row = reader.next(); row != null; row = reader.next()) {
                rest.add(row.number());
            }
            // what the search read past the header and what the reader still has are the rows after the header, once
            List<Integer> all = new ArrayList<>(outcome.following().stream().map(TabularRow::number).toList());
            all.addAll(rest);
            if (outcome.found()) {
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i)).isEqualTo(outcome.header().row() + 1 + i);
                }
            }
            return outcome;
        }
    }

    @Test
    void aHeaderInTheFirstRowIsFoundWithItsColumns() throws IOException {
        HeaderSearch.Outcome<String> o = find("code,name,kind,备注\r\n610881001,中鸡镇,TOWN,x\r\n");
        assertThat(o.found()).isTrue();
        assertThat(o.header().row()).isEqualTo(1);
        assertThat(o.header().columns()).containsExactly(Map.entry("code", 0), Map.entry("name", 1), Map.entry("kind", 2));
        assertThat(o.following()).extracting(TabularRow::number).containsExactly(2);
    }

    @Test
    void titleRowsAndBlankRowsAboveTheHeaderAreSkipped() throws IOException {
        HeaderSearch.Outcome<String> o = find("神木市网格表,,\r\n,,\r\n填报：综合协调组,,2020年1月26日\r\n代码,名称,类型\r\n610881001,中鸡镇,TOWN\r\n");
        assertThat(o.header().row()).isEqualTo(4);
        assertThat(o.header().labels()).containsEntry("code", "代码");
    }

    @Test
    void aTwoRowHeaderTakesLabelsMergedDownAndGroupLabelsOverThem() throws IOException {
        // 代码 merged down over rows 1-2 (empty in row 2); 上级 over 代码 is 上级代码; 基本信息 over 名称 and 类型
        HeaderSearch.Outcome<String> o = find("代码,基本信息,,上级,户数\r\n,名称,类型,代码,\r\n610881001,中鸡镇,TOWN,610881,100\r\n");
        assertThat(o.header().row()).isEqualTo(2);
        assertThat(o.header().columns()).containsExactly(Map.entry("code", 0), Map.entry("name", 1), Map.entry("kind", 2),
                Map.entry("parent", 3), Map.entry("households", 4));
        assertThat(o.header().labels()).containsEntry("code", "代码").containsEntry("parent", "上级代码");
    }

    @Test
    void aSecondHeaderLineUnderTheFirstIsLeftToTheCaller() throws IOException {
        HeaderSearch.Outcome<String> o = find("代码,名称,类型\r\ncode,name,kind\r\n610881001,中鸡镇,TOWN\r\n");
        assertThat(o.header().row()).isEqualTo(1);
        assertThat(o.following()).extracting(TabularRow::number).containsExactly(2, 3);
    }

    @Test
    void withoutAHeaderTheClosestRowAndTheFirstRowAreReported() throws IOException {
        HeaderSearch.Outcome<String> o = find("网格表\r\ncode,name,户数\r\n610881001,中鸡镇,100\r\n");
        assertThat(o.found()).isFalse();
        assertThat(o.blank()).isFalse();
        assertThat(o.closest().row()).isEqualTo(2);
        assertThat(o.closest().found()).containsExactly("code", "name", "households");
        assertThat(o.firstRow().number()).isEqualTo(1);
        assertThat(o.firstRow().text(0)).isEqualTo("网格表");

        HeaderSearch.Outcome<String> none = find("610881001,中鸡镇,TOWN\r\n");
        assertThat(none.closest()).isNull();
        assertThat(none.firstRow().text(1)).isEqualTo("中鸡镇");
    }

    @Test
    void onlyTheFirstTenNonBlankRowsAreLookedAt() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            csv.append("title ").append(i).append("\r\n\r\n");
        }
        HeaderSearch.Outcome<String> late = find(csv + "code,name,kind\r\n");
        assertThat(late.found()).isFalse();
        assertThat(late.closest()).isNull();

        StringBuilder nine = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            nine.append("title ").append(i).append("\r\n\r\n");
        }
        HeaderSearch.Outcome<String> tenth = find(nine + "code,name,kind\r\n1,a,TOWN\r\n");
        assertThat(tenth.header().row()).isEqualTo(19);
    }

    @Test
    void aBlankSheetIsBlank() throws IOException {
        HeaderSearch.Outcome<String> o = find("\r\n , \u00A0\r\n\u3000\r\n");
        assertThat(o.blank()).isTrue();
        assertThat(o.found()).isFalse();
    }
}

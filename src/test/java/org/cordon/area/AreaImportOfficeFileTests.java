package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/**
 * An area list as LibreOffice Calc saves it (src/test/resources/rosters/area-sheets.xlsx): the same header search,
 * sheets and code normalisation as rosters.
 */
class AreaImportOfficeFileTests extends AreaTestSupport {

    @Test
    void aWorkbookWithATitleRowSeveralSheetsAndFullWidthCodesIsImported() throws Exception {
        byte[] content;
        try (InputStream in = getClass().getResourceAsStream("/rosters/area-sheets.xlsx")) {
            content = in.readAllBytes();
        }
        MvcResult result = mvc.perform(multipart("/api/v1/areas/import").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "area-sheets.xlsx", "application/octet-stream", content))
                        .with(httpBasic("admin", DEMO_PASSWORD)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn();

        // every good row saved (inserted, or updated / unchanged where another test of the run made the same code)
        assertThat(List.of(readLong(result, "$.rows"), readLong(result, "$.inserted") + readLong(result, "$.updated")
                + readLong(result, "$.unchanged"), readLong(result, "$.rejected"))).containsExactly(5L, 4L, 1L);
        List<Map<String, Object>> errors = read(result, "$.errors");
        assertThat(errors).extracting(e -> e.get("sheet"), e -> e.get("row"), e -> e.get("column"), e -> e.get("code"), e -> e.get("message"))
                .containsExactly(tuple("村民小组", 4, "code", "area.import.duplicateInSheet",
                        "Code 610881106871 appears twice in the file (first on sheet “行政村”, row 3)"));
        List<Map<String, Object>> skipped = read(result, "$.skippedSheets");
        assertThat(skipped).extracting(s -> s.get("name"), s -> s.get("reason"), s -> s.get("message"))
                .containsExactly(tuple("说明", "NO_HEADER", "Sheet “说明” skipped: no header in its first 10 non-blank rows"));

        // the codes are stored as plain digits: full-width digits, U+00A0, U+3000 and U+200B are gone
        Area village = areas.findArea("610881106871").orElseThrow();
        assertThat(village.kind()).isEqualTo(AreaKind.VILLAGE);
        assertThat(village.households()).isEqualTo(120);
        assertThat(areas.findArea("610881106872").orElseThrow().parentCode()).isEqualTo("610881106");
        assertThat(areas.findArea("610881106871001").orElseThrow().parentCode()).isEqualTo("610881106871");
        assertThat(areas.findArea("610881106872001")).isPresent();
        assertThat(count("select count(*) from area where code like '6108811068%' and code !~ '^[0-9]+$'")).isZero();
    }
}

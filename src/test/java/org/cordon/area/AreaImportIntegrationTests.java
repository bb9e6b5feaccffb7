package org.cordon.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cordon.account.Role;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** Importing the area tree from CSV and Excel files: upserts, row-level errors, unreadable files, the report page. */
class AreaImportIntegrationTests extends AreaTestSupport {

    MvcResult importApi(MockMultipartFile file, String username, String password, String... params) throws Exception {
        var request = multipart("/api/v1/areas/import").header("X-Cordon-Client", "test").file(file).with(httpBasic(username, password))
                .header("Accept-Language", "en");
        for (int i = 0; i + 1 < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn();
    }

    MvcResult importAsAdmin(MockMultipartFile file, String... params) throws Exception {
        MvcResult result = importApi(file, "admin", DEMO_PASSWORD, params);
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        return result;
    }

    /** A digit string as the CSV writer protects it from spreadsheets: {@code ="…"}, quoted. */
    static String asText(String digits) {
        return "\"=\"\"" + digits + "\"\"\"";
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    Area stored(String code) {
        return areas.findArea(code).orElseThrow(() -> new AssertionError("not stored: " + code));
    }

    @Test
    void aCsvImportInsertsAndAReImportUpdatesWithoutDuplicates() throws Exception {
        String village = freshChild(TOWN);
        String group1 = village + "001";
        String group2 = village + "002";
        String[] lines = {HEADER,
                village + ",测试村,"+ TOWN + ",VILLAGE,120,350",
                group1 + ",\"第一组, 东\"," + village + ",GROUP,70,200",
                group2 + ",第二组," + village + ",村民小组,50,"};

        MvcResult first = importAsAdmin(csv(lines));
        assertThat(readLong(first, "$.rows")).isEqualTo(3);
        assertThat(readLong(first, "$.inserted")).isEqualTo(3);
        assertThat(readLong(first, "$.rejected")).isZero();
        assertThat(stored(group1).name()).isEqualTo("第一组, 东");
        assertThat(stored(group2).kind()).isEqualTo(AreaKind.GROUP);
        assertThat(stored(group2).residents()).isNull();
        assertThat(stored(village).sample()).isFalse();

        // the same file again: nothing new, nothing changed
        MvcResult second = importAsAdmin(csv(lines));
        assertThat(readLong(second, "$.inserted")).isZero();
        assertThat(readLong(second, "$.updated")).isZero();
        assertThat(readLong(second, "$.unchanged")).isEqualTo(3);
        assertThat(areaRows(village)).isEqualTo(3);

        // corrected figures and a renamed group are updated in place
        lines[3] = group2 + ",第二村民小组," + village + ",GROUP,55,160";
        MvcResult third = importAsAdmin(csv(lines));
        assertThat(readLong(third, "$.inserted")).isZero();
        assertThat(readLong(third, "$.updated")).isEqualTo(1);
        assertThat(readLong(third, "$.unchanged")).isEqualTo(2);
        assertThat(stored(group2)).isEqualTo(new Area(group2, "第二村民小组", AreaKind.GROUP, village, 55, 160, false));
        assertThat(areaRows(village)).isEqualTo(3);
    }

    @Test
    void importedRowsReplaceSampleData() throws Exception {
        String compound = freshChild(COMMUNITY);
        jdbc.sql("insert into area(code, name, kind, parent_code, households, residents, sample) values (?, ?, 'COMPOUND', ?, 10, 20, true)")
                .params(compound, "示例小区〔示例〕", COMMUNITY).update();

        MvcResult result = importAsAdmin(csv(HEADER, compound + ",阳光小区," + COMMUNITY + ",COMPOUND,10,20"));

        assertThat(readLong(result, "$.updated")).isEqualTo(1);
        assertThat(stored(compound).sample()).isFalse();
        assertThat(stored(compound).name()).isEqualTo("阳光小区");
    }

    @Test
    void anExcelWorkbookIsImportedLikeACsvFile() throws Exception {
        String village = freshChild(TOWN);
        String group = village + "001";
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("code", "name", "parentCode", "kind", "households", "residents"));
        rows.add(List.of(village, "表格村", TOWN, "VILLAGE", 300, 900));
        // codes typed as numbers, as spreadsheet users do
        rows.add(List.of(Long.parseLong(group), "表格一组", Long.parseLong(village), "GROUP", 150, 450));
        List<Object> blankCounts = new ArrayList<>(List.of(village + "002", "表格二组", village, "GROUP"));
        rows.add(blankCounts);
        rows.add(List.of(village + "003", "坏户数", village, "GROUP", "很多", 10));

        MvcResult first = importAsAdmin(xlsx(rows));
        assertThat(readLong(first, "$.inserted")).isEqualTo(3);
        assertThat(readLong(first, "$.rejected")).isEqualTo(1);
        assertThat(readLong(first, "$.errors[0].row")).isEqualTo(5);
        assertThat((String) read(first, "$.errors[0].column")).isEqualTo("households");
        assertThat(stored(group)).isEqualTo(new Area(group, "表格一组", AreaKind.GROUP, village, 150, 450, false));
        assertThat(stored(village + "002").households()).isNull();

        MvcResult second = importAsAdmin(xlsx(rows));
        assertThat(readLong(second, "$.inserted")).isZero();
        assertThat(readLong(second, "$.unchanged")).isEqualTo(3);
        assertThat(areaRows(village)).isEqualTo(3);
    }

    @Test
    void invalidRowsAreReportedWithRowColumnAndMessageAndStoreNothing() throws Exception {
        String village = freshChild(TOWN);
        String missingParent = freshChild(TOWN);
        String tooLong = "名".repeat(101);
        MvcResult result = importAsAdmin(csv(HEADER,
                village + ",新村," + TOWN + ",VILLAGE,10,30",                       // 2 ok
                "61088110620A,坏代码," + TOWN + ",VILLAGE,,",                        // 3 code format
                "610882106201,外市村,610882106,VILLAGE,,",                           // 4 outside the city
                village + "001,一组," + village + ",GROUP,5,15",                     // 5 ok, parent earlier in the file
                village + "002,错上级," + TOWN + ",GROUP,,",                         // 6 not one level below
                missingParent + "001,孤儿组," + missingParent + ",GROUP,,",          // 7 parent unknown
                village + "003,错类型," + village + ",VILLAGE,,",                    // 8 kind not valid for 15 digits
                village + "004,," + village + ",GROUP,-5,",                          // 9 name missing, households negative
                village + "005," + tooLong + "," + village + ",GROUP,,",             // 10 name too long
                village + ",重复村," + TOWN + ",VILLAGE,,",                          // 11 duplicate in the file
                village + "006,怪类型," + village + ",FOO,,",                        // 12 unknown kind
                "",                                                                  // blank line: skipped
                village + "007,小数," + village + ",GROUP,1.5,"));                   // 14 not a whole number

        assertThat(readLong(result, "$.inserted")).isEqualTo(2);
        assertThat(readLong(result, "$.rejected")).isEqualTo(10);
        List<Map<String, Object>> errors = read(result, "$.errors");
        List<String> found = errors.stream().map(e -> e.get("row") + " " + e.get("column") + " " + e.get("code")).toList();
        assertThat(found).containsExactly(
                "3 code area.validation.code.format",
                "4 code area.validation.code.outsideCity",
                "6 parentCode area.validation.parent.mismatch",
                "7 parentCode area.validation.parent.unknown",
                "8 kind area.validation.kind.level",
                "9 name area.validation.name.required",
                "9 households area.validation.count.format",
                "10 name validation.tooLong",
                "11 code area.import.duplicate",
                "12 kind area.validation.kind.unknown",
                "14 households area.validation.count.format");
        assertThat(errors.get(2).get("message")).isEqualTo("Code " + village + "002 is not one level below the parent "
                + TOWN + ": the parent code must be " + village);
        assertThat(errors.get(8).get("message")).isEqualTo("Code " + village + " appears twice in the file (first in row 2)");

        assertThat(stored(village).name()).isEqualTo("新村");
        assertThat(stored(village + "001").households()).isEqualTo(5);
        assertThat(areaRows(village)).isEqualTo(2);
        assertThat(areaRows(missingParent)).isZero();
        assertThat(areaRows("610882")).isZero();
    }

    @Test
    void unreadableFilesAreRejectedAsAWholeWithAClearMessage() throws Exception {
        String village = freshChild(TOWN);
        Map<MockMultipartFile, String> files = Map.of(
                new MockMultipartFile("file", "areas.xlsx", "application/octet-stream",
                        new byte[]{'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), "area.import.unreadable",
                new MockMultipartFile("file", "areas.csv", "text/csv", new byte[]{0, 1, 2, 3, (byte) 0xff, 0, 7}),
                "area.import.unreadable",
                new MockMultipartFile("file", "areas.xls", "application/vnd.ms-excel",
                        new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0}),
                "area.import.xls",
                // neither UTF-8 nor GB18030 (GBK is accepted: see ImportEncodingsIntegrationTests)
                new MockMultipartFile("file", "areas.csv", "text/csv",
                        concat((HEADER + "\r\n" + village + ",").getBytes(Charset.forName("GBK")), new byte[]{(byte) 0xFF, (byte) 0xFF},
                                ("," + TOWN + ",VILLAGE,,\r\n").getBytes(Charset.forName("GBK")))),
                "area.import.encoding",
                new MockMultipartFile("file", "areas.csv", "text/csv", "代码,名字\r\n1,2\r\n".getBytes()), "area.import.header",
                new MockMultipartFile("file", "areas.csv", "text/csv", new byte[0]), "area.import.fileRequired");
        for (var entry : files.entrySet()) {
            MvcResult result = importApi(entry.getKey(), "admin", DEMO_PASSWORD);
            assertThat(result.getResponse().getStatus()).as(entry.getValue()).isEqualTo(400);
            assertThat((String) read(result, "$.errors[0].field")).isEqualTo("file");
            assertThat((String) read(result, "$.errors[0].code")).isEqualTo(entry.getValue());
            assertThat((String) read(result, "$.errors[0].message")).isNotBlank().doesNotStartWith("area.");
        }
        assertThat(areaRows(village)).isZero();
    }

    @Test
    void aFileFailingHalfwayStoresNothing() throws Exception {
        String village = freshChild(TOWN);
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        csv.append(village).append(",批量村,").append(TOWN).append(",VILLAGE,,\r\n");
        for (int i = 1; i <= 700; i++) {   // more than one JDBC batch before the broken byte
            csv.append(village).append(String.format("%03d", i)).append(",组").append(i).append(',').append(village)
                    .append(",GROUP,1,2\r\n");
        }
        byte[] good = csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] content = java.util.Arrays.copyOf(good, good.length + 3);
        content[good.length] = (byte) 0xC3;   // a truncated UTF-8 sequence near the end
        content[good.length + 1] = '\r';
        content[good.length + 2] = '\n';

        MvcResult result = importApi(new MockMultipartFile("file", "big.csv", "text/csv", content), "admin", DEMO_PASSWORD);

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(result, "$.errors[0].code")).isEqualTo("area.import.encoding");
        assertThat(areaRows(village)).isZero();
    }

    @Test
    void aDryRunReportsButStoresNothingAndTheTemplateIsValid() throws Exception {
        MvcResult template = mvc.perform(get("/areas/import/template.csv").with(user(principal("admin"))))
                .andExpect(status().isOk()).andReturn();
        byte[] bytes = template.getResponse().getContentAsByteArray();
        assertThat(template.getResponse().getHeader("Content-Disposition")).contains("attachment");
        long before = count("select count(*) from area");

        MvcResult result = importAsAdmin(new MockMultipartFile("file", "area-import-template.csv", "text/csv", bytes),
                "dryRun", "true");

        assertThat((Boolean) read(result, "$.dryRun")).isTrue();
        assertThat(readLong(result, "$.rejected")).isZero();
        assertThat(readLong(result, "$.rows")).isPositive();
        assertThat(count("select count(*) from area")).isEqualTo(before);
    }

    @Test
    void onlyAdministratorsImport() throws Exception {
        String village = freshChild(TOWN);
        MockMultipartFile file = csv(HEADER, village + ",无权村," + TOWN + ",VILLAGE,,");
        assertThat(importApi(file, "commander", DEMO_PASSWORD).getResponse().getStatus()).isEqualTo(403);
        String gridWorker = account(Role.GRID_WORKER, VILLAGE_1);
        assertThat(importApi(file, gridWorker, PASSWORD).getResponse().getStatus()).isEqualTo(403);
        mvc.perform(get("/areas/import").with(user(principal("commander")))).andExpect(status().isForbidden());
        mvc.perform(multipart("/areas/import").file(file).with(user(principal("commander"))).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(areaRows(village)).isZero();
    }

    @Test
    void theImportPageShowsTheReportAndOffersTheRejectedRowsForDownload() throws Exception {
        String village = freshChild(TOWN);
        MockHttpSession session = new MockHttpSession();
        String page = body(mvc.perform(multipart("/areas/import").file(csv(HEADER,
                                village + ",页面村," + TOWN + ",VILLAGE,8,20",
                                village + "001,," + village + ",GROUP,x,"))
                        .session(session).with(user(principal("admin"))).with(csrf()))
                .andExpect(status().isOk()).andReturn());

        assertThat(page).contains("id=\"count-inserted\">1<", "id=\"count-rejected\">1<", "请填写名称", "errors.csv");
        assertThat(stored(village).name()).isEqualTo("页面村");

        String rejected = body(mvc.perform(get("/areas/import/errors.csv").session(session).with(user(principal("admin"))))
                .andExpect(status().isOk()).andReturn());
        assertThat(rejected).startsWith("\uFEFF" + HEADER + ",sheet,row,error");
        // 12- and 15-digit codes are written so that a spreadsheet keeps them as text
        assertThat(rejected).contains(asText(village + "001") + ",," + asText(village) + ",GROUP,x,,,3,").contains("请填写名称");

        // the downloaded file can be corrected and imported again (its extra columns are ignored)
        String corrected = rejected.replace(",," + asText(village) + ",GROUP,x,", ",一组," + asText(village) + ",GROUP,4,");
        MvcResult again = importAsAdmin(new MockMultipartFile("file", "fixed.csv", "text/csv",
                corrected.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(readLong(again, "$.inserted")).isEqualTo(1);
        assertThat(stored(village + "001").households()).isEqualTo(4);
    }

    @Test
    void theImportPageExplainsAnUnreadableFile() throws Exception {
        String page = body(mvc.perform(multipart("/areas/import")
                        .file(new MockMultipartFile("file", "scan.pdf", "application/pdf", new byte[]{'%', 'P', 'D', 'F', 0, 1, 2}))
                        .with(user(principal("admin"))).with(csrf()).param("lang", "en"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"file-error\"", "This file cannot be read");
    }
}

package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.shared.Masking;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Roster import (造册): CSV and Excel, row problems with row/column/code/message, idempotency, error file, template. */
class RosterImportTests extends IntegrationTestSupport {

    static final String HEADER = "姓名,证件类型,证件号码,国籍,手机号,来源地代码,离开风险地区日期,抵达日期,交通方式,车牌/车次/航班,同行人员,目的地代码,详细地址";
    static final String VILLAGE = "610881106201";
    static final String OTHER_VILLAGE = "610881106202";

    @Autowired
    AccountManagement accounts;
    @Autowired
    RegistryManagement registry;

    String gridWorker;

    @BeforeEach
    void gridWorker() {
        gridWorker = "roster-gw-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(gridWorker, "password1-for-tests", "网格员（测试）", Role.GRID_WORKER, VILLAGE, Set.of()));
    }

    RequestPostProcessor asGridWorker() {
        return httpBasic(gridWorker, "password1-for-tests");
    }

    static String row(String name, String idNumber, LocalDate arrived, String destination) {
        return String.join(",", name, "", idNumber, "", randomPhone(), "420102", "", arrived == null ? "" : arrived.toString(),
                "火车", "G1234", "", destination, "中鸡一村 1 号");
    }

    static String csv(String... rows) {
        return HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    MvcResult importFile(RequestPostProcessor as, String fileName, byte[] content, String language) throws Exception {
        return mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", fileName, "application/octet-stream", content))
                        .with(as).header("Accept-Language", language))
                .andExpect(status().isOk()).andReturn();
    }

    long importedBy(String username) {
        return count("select count(*) from returnee where source = 'IMPORTED' and created_by = ?", username);
    }

    static String badCheckChar(String id) {
        char wrong = id.charAt(17) == '1' ? '2' : '1';
        return id.substring(0, 17) + wrong;
    }

    @Test
    void csvImportStoresValidRowsAndReportsEveryInvalidRowWithRowColumnAndMessage() throws Exception {
        LocalDate arrived = today().minusDays(2);
        String good1 = randomIdNumber();
        String good2 = randomIdNumber();
        String bad = badCheckChar(randomIdNumber());
        byte[] file = csv(
                row("张三", good1, arrived, VILLAGE),                                  // row 2
                row("李四", bad, arrived, VILLAGE),                                    // row 3: check character
                row("王五", randomIdNumber(), null, VILLAGE),                          // row 4: arrival missing
                row("赵六", randomIdNumber(), arrived, OTHER_VILLAGE),                 // row 5: outside jurisdiction
                row("钱七", randomIdNumber(), arrived, VILLAGE).replace(arrived.toString(), "2020-13-45"), // row 6: date
                "",                                                                    // row 7: blank, skipped
                row("孙八", good2, arrived, VILLAGE + "001").replace(",火车,", ",飞机,"))   // row 8
                .getBytes(StandardCharsets.UTF_8);

        MvcResult result = importFile(asGridWorker(), "roster.csv", file, "en");

        assertThat(readLong(result, "$.read")).isEqualTo(6);
        assertThat(readLong(result, "$.saved")).isEqualTo(2);
        assertThat(readLong(result, "$.alreadyPresent")).isZero();
        assertThat(readLong(result, "$.rejected")).isEqualTo(4);
        assertThat((String) read(result, "$.format")).isEqualTo("CSV");
        List<Map<String, Object>> errors = read(result, "$.errors");
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("column"), e -> e.get("code")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "证件号码", "validation.idNumber.checksum"),
                org.assertj.core.groups.Tuple.tuple(4, "抵达日期", "validation.required"),
                org.assertj.core.groups.Tuple.tuple(5, "目的地代码", "validation.destination.outsideJurisdiction"),
                org.assertj.core.groups.Tuple.tuple(6, "抵达日期", "validation.date.impossible"));
        assertThat((String) errors.get(0).get("message")).isEqualTo("The ID number is not valid (its check character does not match the other digits); check every digit");
        assertThat((String) errors.get(3).get("message")).contains("2020-13-45");

        assertThat(importedBy(gridWorker)).isEqualTo(2);
        assertThat(count("""
                select count(*) from returnee where created_by = ? and status in ('REGISTERED', 'UNDER_OBSERVATION') and arrived_on = ?
                  and transport_mode in ('TRAIN', 'FLIGHT') and origin_code = '420102'""", gridWorker, arrived)).isEqualTo(2);
    }

    @Test
    void messagesFollowTheUsersLanguage() throws Exception {
        byte[] file = csv(row("李四", badCheckChar(randomIdNumber()), today(), VILLAGE)).getBytes(StandardCharsets.UTF_8);
        MvcResult zh = importFile(asGridWorker(), "roster.csv", file, "zh-CN");
        assertThat((String) read(zh, "$.errors[0].message")).contains("校验位");
    }

    @Test
    void importingTheSameFileTwiceStoresNothingNew() throws Exception {
        LocalDate arrived = today().minusDays(1);
        byte[] file = csv(row("周一", randomIdNumber(), arrived, VILLAGE), row("吴二", randomIdNumber(), arrived, VILLAGE),
                row("郑三", randomIdNumber(), arrived, VILLAGE)).getBytes(StandardCharsets.UTF_8);
        MvcResult first = importFile(asGridWorker(), "roster.csv", file, "en");
        assertThat(readLong(first, "$.saved")).isEqualTo(3);
        long returnees = count("select count(*) from returnee");
        long persons = count("select count(*) from person");

        MvcResult second = importFile(asGridWorker(), "roster.csv", file, "en");

        assertThat(readLong(second, "$.saved")).isZero();
        assertThat(readLong(second, "$.alreadyPresent")).isEqualTo(3);
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees);
        assertThat(count("select count(*) from person")).isEqualTo(persons);
        assertThat(importedBy(gridWorker)).isEqualTo(3);
    }

    @Test
    void theSameRowTwiceInOneFileIsStoredOnce() throws Exception {
        String id = randomIdNumber();
        String line = row("冯四", id, today(), VILLAGE);
        MvcResult result = importFile(asGridWorker(), "roster.csv", csv(line, line).getBytes(StandardCharsets.UTF_8), "en");
        assertThat(readLong(result, "$.saved")).isEqualTo(1);
        assertThat(readLong(result, "$.alreadyPresent")).isEqualTo(1);
        assertThat(importedBy(gridWorker)).isEqualTo(1);
    }

    @Test
    void aRowRegisteredThroughTheRegistryBeforeIsAlreadyPresent() throws Exception {
        String id = randomIdNumber();
        LocalDate arrived = today().minusDays(3);
        List<?> problems = registry.importReturnee(accounts.loadUserByUsername(gridWorker), new ReturneeRequest(null, "陈五", null, id,
                null, null, "420102", null, arrived, "TRAIN", null, null, VILLAGE, null));
        assertThat(problems).isEmpty();

        MvcResult result = importFile(asGridWorker(), "roster.csv", csv(row("陈五", id, arrived, VILLAGE)).getBytes(StandardCharsets.UTF_8), "en");

        assertThat(readLong(result, "$.saved")).isZero();
        assertThat(readLong(result, "$.alreadyPresent")).isEqualTo(1);
    }

    @Test
    void excelImportAcceptsEnglishHeadersDateCellsChineseLabelsAndNumericCells() throws Exception {
        String good = randomIdNumber();
        String passport = "E" + (10_000_000 + new java.util.Random().nextInt(89_999_999));
        LocalDate arrived = today().minusDays(4);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook wb = new Workbook(bytes, "test", "1.0");
        Worksheet ws = wb.newWorksheet("名单");
        String[] header = {"name", "idType", "idNumber", "nationality", "phone", "originCode", "leftRiskAreaOn", "arrivedOn",
                "transportMode", "transportDetail", "companions", "destinationCode", "destinationAddress", "备注"};
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        // row 2: resident ID, date cells, phone and origin as numbers
        ws.value(1, 0, "褚六");
        ws.value(1, 2, good);
        ws.value(1, 4, 13912345678L);
        ws.value(1, 5, 420102);
        ws.value(1, 6, arrived.minusDays(1));
        ws.value(1, 7, arrived);
        ws.value(1, 8, "自驾");
        ws.value(1, 9, "鄂A12345");
        ws.value(1, 11, VILLAGE);
        ws.value(1, 13, "任意备注");
        // row 3: passport with Chinese label and nationality, text date
        ws.value(2, 0, "John Smith");
        ws.value(2, 1, "护照");
        ws.value(2, 2, passport);
        ws.value(2, 3, "usa");
        ws.value(2, 7, arrived.toString());
        ws.value(2, 11, VILLAGE);
        // row 5 (row 4 left empty): phone wrong, unknown transport mode
        ws.value(4, 0, "卫七");
        ws.value(4, 2, randomIdNumber());
        ws.value(4, 4, "12345");
        ws.value(4, 7, arrived);
        ws.value(4, 8, "骑马");
        ws.value(4, 11, VILLAGE);
        // row 6: ID number typed as a number (Excel rounds it)
        ws.value(5, 0, "蒋八");
        ws.value(5, 2, 110105194912310000L);
        ws.value(5, 7, arrived);
        ws.value(5, 11, VILLAGE);
        wb.finish();

        MvcResult result = importFile(asGridWorker(), "roster.xlsx", bytes.toByteArray(), "en");

        assertThat((String) read(result, "$.format")).isEqualTo("XLSX");
        assertThat(readLong(result, "$.read")).isEqualTo(4);
        assertThat(readLong(result, "$.saved")).isEqualTo(2);
        assertThat(readLong(result, "$.rejected")).isEqualTo(2);
        List<Map<String, Object>> errors = read(result, "$.errors");
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("column"), e -> e.get("code")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5, "phone", "validation.phone.format"),
                org.assertj.core.groups.Tuple.tuple(5, "transportMode", "roster.transportMode.unknown"),
                org.assertj.core.groups.Tuple.tuple(6, "idNumber", "roster.idNumber.numeric"));
        assertThat(count("""
                select count(*) from returnee where created_by = ? and transport_mode = 'SELF_DRIVE' and left_risk_area_on = ?
                  and arrived_on = ? and origin_code = '420102'""", gridWorker, arrived.minusDays(1), arrived)).isEqualTo(1);
        assertThat(count("select count(*) from returnee r join person p on p.id = r.person_id "
                + "where r.created_by = ? and p.id_type = 'PASSPORT' and p.nationality = 'USA'", gridWorker)).isEqualTo(1);
    }

    @Test
    void theErrorFileHasTheBadRowsIsOnlyForTheImporterAndCanBeFixedAndUploadedAgain() throws Exception {
        LocalDate arrived = today().minusDays(2);
        String bad = badCheckChar(randomIdNumber());
        byte[] file = csv(row("沈一", randomIdNumber(), arrived, VILLAGE), row("韩二", bad, arrived, VILLAGE))
                .getBytes(StandardCharsets.UTF_8);
        MvcResult result = importFile(asGridWorker(), "roster.csv", file, "zh-CN");
        String url = read(result, "$.errorFile");
        assertThat(url).startsWith("/api/v1/returnees/roster/errors/");

        MvcResult download = mvc.perform(get(url).with(asGridWorker())).andExpect(status().isOk()).andReturn();
        byte[] content = download.getResponse().getContentAsByteArray();
        String text = new String(content, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF姓名,");
        assertThat(text).contains(bad).contains("韩二").contains("校验位").doesNotContain("沈一");
        assertThat(download.getResponse().getContentType()).startsWith("text/csv");

        mvc.perform(get(url).with(as("commander"))).andExpect(status().isNotFound());
        String page = url.replace("/api/v1", "");
        mvc.perform(get(page).with(user(accounts.loadUserByUsername(gridWorker)))).andExpect(status().isOk());
        mvc.perform(get(page).with(user(accounts.loadUserByUsername("commander")))).andExpect(status().isNotFound());

        String fixed = text.replace(bad, randomIdNumber());
        MvcResult again = importFile(asGridWorker(), "fixed.csv", fixed.getBytes(StandardCharsets.UTF_8), "en");
        assertThat(readLong(again, "$.read")).isEqualTo(1);
        assertThat(readLong(again, "$.saved")).isEqualTo(1);
        assertThat(readLong(again, "$.rejected")).isZero();
    }

    @Test
    void gb18030CsvAsSavedByChineseExcelIsRead() throws Exception {
        byte[] file = csv(row("杨九", randomIdNumber(), today(), VILLAGE)).getBytes(Charset.forName("GB18030"));
        MvcResult result = importFile(asGridWorker(), "名单.csv", file, "en");
        assertThat(readLong(result, "$.saved")).isEqualTo(1);
        assertThat(count("select count(*) from person p join returnee r on r.person_id = p.id where r.created_by = ? and p.name = '杨九'",
                gridWorker)).isEqualTo(1);
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRejectedAsAWhole() throws Exception {
        mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", "姓名,手机号\r\n张三,13800138000\r\n".getBytes(StandardCharsets.UTF_8)))
                        .with(asGridWorker()).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.errors[0].code")
                        .value("roster.file.missingColumns"));
        mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "old.xls", "application/vnd.ms-excel",
                                new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}))
                        .with(asGridWorker()))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.errors[0].code")
                        .value("roster.file.xls"));
    }

    @Test
    void aBrokenExcelFileIsRejectedWithAMessage() throws Exception {
        byte[] broken = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        MvcResult result = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "broken.xlsx", "application/octet-stream", broken))
                        .with(asGridWorker()).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(result, "$.errors[0].code")).isEqualTo("roster.file.unreadable");
        assertThat((String) read(result, "$.errors[0].message")).contains(".xlsx");
    }

    @Test
    void rolesWithoutRegistrationMayNotImport() throws Exception {
        mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "r.csv", "text/csv", csv(row("张三", randomIdNumber(), today(), VILLAGE))
                                .getBytes(StandardCharsets.UTF_8)))
                        .with(as("officer1")))
                .andExpect(status().isForbidden());
    }

    @Test
    void thePageShowsCountsAndTheErrorTable() throws Exception {
        byte[] file = csv(row("朱一", randomIdNumber(), today(), VILLAGE), row("秦二", badCheckChar(randomIdNumber()), today(), VILLAGE))
                .getBytes(StandardCharsets.UTF_8);
        MvcResult result = mvc.perform(multipart("/returnees/roster")
                        .file(new MockMultipartFile("file", "roster.csv", "text/csv", file))
                        .with(user(accounts.loadUserByUsername(gridWorker))).with(csrf()))
                .andExpect(status().isOk()).andReturn();
        String html = body(result);
        assertThat(html).contains("id=\"roster-errors\"").contains("id=\"download-errors\"").contains("/returnees/roster/errors/")
                .contains("证件号码").contains("校验位");
        assertThat(html).containsPattern("id=\"count-saved\">1<").containsPattern("id=\"count-rejected\">1<");

        String page = body(mvc.perform(get("/returnees/roster").with(user(accounts.loadUserByUsername(gridWorker))))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"roster-upload\"").contains("id=\"roster-export\"").contains("value=\"610881106201\"")
                .doesNotContain("name=\"full\"");
    }

    @Test
    void theTemplatesCarryTheHeadersAndImportAsEmpty() throws Exception {
        MvcResult xlsx = mvc.perform(get("/api/v1/returnees/roster/template").with(asGridWorker())).andExpect(status().isOk()).andReturn();
        List<String> headers = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
            Row first = wb.getFirstSheet().read().get(0);
            first.forEach(c -> headers.add(c.getText()));
            assertThat(wb.getSheets().count()).isEqualTo(2);
        }
        assertThat(String.join(",", headers)).isEqualTo(HEADER);

        MvcResult csvTemplate = mvc.perform(get("/api/v1/returnees/roster/template?format=csv").with(asGridWorker()))
                .andExpect(status().isOk()).andReturn();
        byte[] csv = csvTemplate.getResponse().getContentAsByteArray();
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("destinationCode");
        MvcResult imported = importFile(asGridWorker(), "template.csv", csv, "en");
        assertThat(readLong(imported, "$.read")).isZero();

        MvcResult xlsxImported = importFile(asGridWorker(), "template.xlsx", xlsx.getResponse().getContentAsByteArray(), "en");
        assertThat(readLong(xlsxImported, "$.read")).isZero();
    }

    @Autowired
    org.springframework.context.MessageSource messages;

    @Test
    void aFileRefusedPartWaySaysHowManyRowsWereStoredBefore() throws Exception {
        org.cordon.shared.tabular.TabularException tooLong;
        try (var reader = org.cordon.shared.tabular.TabularReader.open(new ByteArrayInputStream("h\r\n0123456789x\r\n"
                .getBytes(StandardCharsets.UTF_8)), new org.cordon.shared.tabular.TabularLimits(10, 5, 10))) {
            reader.next();
            tooLong = org.assertj.core.api.Assertions.catchThrowableOfType(
                    org.cordon.shared.tabular.TabularException.class, reader::next);
        }
        java.util.function.Function<org.cordon.shared.ValidationFailedException, String> english = e -> messages.getMessage(
                e.problems().get(0).code(), e.problems().get(0).args(), Locale.ENGLISH);

        assertThat(english.apply(RosterImport.refused(tooLong, 1500, 1501, 1000)))
                .isEqualTo("Row 2 has a cell longer than 10 characters; perhaps a quote is not closed; "
                        + "the 1,000 valid rows before it are stored (importing again creates no duplicates)");
        assertThat(english.apply(RosterImport.refused(tooLong, 0, 0, 0)))
                .isEqualTo("Row 2 has a cell longer than 10 characters; perhaps a quote is not closed");
        assertThat(english.apply(RosterImport.refused(null, 1500, 1501, 1000)))
                .startsWith("The file cannot be read after row 1501; the 1,000 valid rows before it are stored");
    }

    // ------------------------------------------------------------------ a roster row never overwrites an identity

    @Autowired
    PersonalDataCipher cipher;

    byte[] identityHash(String idNumber) {
        return cipher.hash(RegistryManagement.ID_FIELD, "RESIDENT_ID::" + idNumber);
    }

    String storedName(String idNumber) {
        return jdbc.sql("select name from person where id_number_hash = ?").param(identityHash(idNumber)).query(String.class).single();
    }

    byte[] storedPhoneHash(String idNumber) {
        return jdbc.sql("select phone_hash from person where id_number_hash = ?").param(identityHash(idNumber))
                .query(byte[].class).single();
    }

    long importedReturnee(String idNumber, LocalDate arrived) {
        return jdbc.sql("""
                        select r.id from returnee r join person p on p.id = r.person_id
                        where p.id_number_hash = ? and r.source = 'IMPORTED' and r.arrived_on = ?""")
                .param(identityHash(idNumber)).param(arrived).query(Long.class).single();
    }

    /** Registers the person door to door as the grid worker: name, phone, arrival a week ago. */
    void registeredBefore(String name, String idNumber, String phone) throws Exception {
        mvc.perform(post("/api/v1/returnees").with(asGridWorker()).contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "%s", "idNumber": "%s", "phone": "%s", "originCode": "420102", "arrivedOn": "%s",
                         "destinationCode": "%s", "destinationAddress": "中鸡一村 1 号"}"""
                        .formatted(name, idNumber, phone, today().minusDays(7), VILLAGE)))
                .andExpect(status().isCreated());
    }

    @Test
    void aCsvRowKeepsTheRegisteredIdentityAndTheReportedValuesWaitForTheGridWorker() throws Exception {
        String id = randomIdNumber();
        String phone = randomPhone();
        registeredBefore("吕大海", id, phone);
        LocalDate arrived = today().minusDays(1);
        // a new arrival of the registered person; the roster row (row() gives every row a fresh phone) has another phone
        String line = row("吕大海", id, arrived, VILLAGE);
        String rosterPhone = line.split(",")[4];

        MvcResult result = importFile(asGridWorker(), "roster.csv", csv(line).getBytes(StandardCharsets.UTF_8), "en");

        assertThat(readLong(result, "$.saved")).isEqualTo(1);
        assertThat(storedName(id)).isEqualTo("吕大海");
        assertThat(storedPhoneHash(id)).isEqualTo(cipher.hash(RegistryManagement.PHONE_FIELD, phone));
        long returnee = importedReturnee(id, arrived);
        mvc.perform(get("/api/v1/returnees/{id}", returnee).with(asGridWorker()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.identityDiffers").value(true))
                .andExpect(jsonPath("$.person.name").value("吕*海"))
                .andExpect(jsonPath("$.reportedIdentity.differences.length()").value(1))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'PHONE')].reported")
                        .value(hasItem(Masking.phone(rosterPhone))))
                .andExpect(jsonPath("$.reportedIdentity.differences[?(@.field == 'PHONE')].registered").value(hasItem(Masking.phone(phone))))
                .andExpect(jsonPath("$.reportedIdentity.reportedBy").value(gridWorker));

        // outside the area: 403; inside: adopting changes the person and is audited
        String outsider = "roster-gw-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(outsider, "password1-for-tests", "二村网格员", Role.GRID_WORKER, OTHER_VILLAGE, Set.of()));
        mvc.perform(post("/api/v1/returnees/{id}/identity", returnee).with(httpBasic(outsider, "password1-for-tests"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}")).andExpect(status().isForbidden());
        assertThat(storedPhoneHash(id)).isEqualTo(cipher.hash(RegistryManagement.PHONE_FIELD, phone));
        mvc.perform(post("/api/v1/returnees/{id}/identity", returnee).with(asGridWorker())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"accept\": true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.identityDiffers").value(false));
        assertThat(storedName(id)).isEqualTo("吕大海");
        assertThat(storedPhoneHash(id)).isEqualTo(cipher.hash(RegistryManagement.PHONE_FIELD, rosterPhone));
        assertThat(count("select count(*) from audit_entry where action = 'PERSON_CHANGED' and username = ? and detail like ?",
                gridWorker, "%returnee " + returnee)).isEqualTo(1);
    }

    @Test
    void aRegisteredIdNumberWithAnotherNameIsARejectedRowNeverARename() throws Exception {
        String known = randomIdNumber();
        String phone = randomPhone();
        registeredBefore("施一民", known, phone);
        String fresh = randomIdNumber();
        LocalDate arrived = today().minusDays(2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook wb = new Workbook(bytes, "test", "1.0");
        Worksheet ws = wb.newWorksheet("名单");
        String[] header = HEADER.split(",");
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        Object[][] rows = {
                {"施二民", known, "13900000001", arrived},             // row 2: the registered ID with another name
                {"施一民", known, "13900000001", arrived},             // row 3: the same name (another phone): stored
                {"张伟", fresh, null, arrived.minusDays(1)},           // row 4: a new person
                {"张玮", fresh, null, arrived.minusDays(10)},          // row 5: the new person's ID with another name
                {"施　一民", known, null, arrived.minusDays(10)}};      // row 6: the same name, ideographic space: stored
        for (int r = 0; r < rows.length; r++) {
            ws.value(r + 1, 0, (String) rows[r][0]);
            ws.value(r + 1, 2, (String) rows[r][1]);
            if (rows[r][2] != null) {
                ws.value(r + 1, 4, (String) rows[r][2]);
            }
            ws.value(r + 1, 5, "420102");
            ws.value(r + 1, 7, (LocalDate) rows[r][3]);
            ws.value(r + 1, 11, VILLAGE);
        }
        wb.finish();
        long persons = count("select count(*) from person");

        MvcResult zh = importFile(asGridWorker(), "roster.xlsx", bytes.toByteArray(), "zh-CN");

        assertThat(readLong(zh, "$.read")).isEqualTo(5);
        assertThat(readLong(zh, "$.saved")).isEqualTo(3);
        assertThat(readLong(zh, "$.alreadyPresent")).isZero();
        assertThat(readLong(zh, "$.rejected")).isEqualTo(2);
        List<Map<String, Object>> errors = read(zh, "$.errors");
        assertThat(errors).extracting(e -> e.get("row"), e -> e.get("column"), e -> e.get("code")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "证件号码", "roster.idNumber.otherName"),
                org.assertj.core.groups.Tuple.tuple(5, "证件号码", "roster.idNumber.otherName"));
        assertThat((String) errors.get(0).get("message")).contains("已登记为另一个姓名（施*民）").contains("不会修改");
        assertThat((String) errors.get(1).get("message")).contains("（张*）");
        // nobody was renamed; the new person has the name of their first row
        assertThat(storedName(known)).isEqualTo("施一民");
        assertThat(storedName(fresh)).isEqualTo("张伟");
        assertThat(count("select count(*) from person")).isEqualTo(persons + 1);
        assertThat(count("select count(*) from reported_identity where reported_name is not null and person_id = "
                + "(select id from person where id_number_hash = ?)", (Object) identityHash(known))).isZero();
        // the stored row of the registered person keeps its other phone as reported, nothing else
        String page = body(mvc.perform(get("/returnees/{id}", importedReturnee(known, arrived)).with(user(accounts.loadUserByUsername(gridWorker))))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("报告的电话“139****0001”与登记的电话“" + Masking.phone(phone) + "”不一致").doesNotContain("报告的姓名");
        // the error file has both rows; in English the message says so too
        String errorFileUrl = read(zh, "$.errorFile");
        String errorFile = body(mvc.perform(get(errorFileUrl).with(asGridWorker()))
                .andExpect(status().isOk()).andReturn());
        assertThat(errorFile).contains("施二民").contains("张玮").contains("已登记为另一个姓名");

        // importing the same file again: the two rows are rejected again, the three others are registered already
        MvcResult en = importFile(asGridWorker(), "roster.xlsx", bytes.toByteArray(), "en");
        assertThat(readLong(en, "$.saved")).isZero();
        assertThat(readLong(en, "$.alreadyPresent")).isEqualTo(3);
        assertThat(readLong(en, "$.rejected")).isEqualTo(2);
        assertThat((String) read(en, "$.errors[0].message")).contains("registered under another name (施*民)")
                .contains("never changes a registered person's name");
        assertThat(storedName(known)).isEqualTo("施一民");
    }
}

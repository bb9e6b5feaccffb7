package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.shared.crypto.PersonalDataCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Rosters as LibreOffice Calc saves them ({@code src/test/resources/rosters}, made by its {@code make-fixtures.py}):
 * title rows, two-row merged headers, several sheets, full-width digits and invisible spaces, zh-CN CSV dates,
 * {@code 2020年01月25号} in GB18030, good and bad rows mixed. Each variant's read, saved and rejected counts and its
 * rejected rows (sheet, row, column, message) are asserted; the CSV and the workbook of a variant hold the same people,
 * so the second of them finds every good row already present.
 */
class RosterOfficeFilesTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String CHECKSUM_EN = "The ID number is not valid (its check character does not match the other digits); check every digit";
    static final String LOOKED_FOR = "姓名 (name), 证件号码 (idNumber), 抵达日期 (arrivedOn), 目的地代码 (destinationCode)";

    @Autowired
    AccountManagement accounts;
    @Autowired
    PersonalDataCipher cipher;

    String gridWorker;

    @BeforeEach
    void gridWorker() {
        gridWorker = "office-gw-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(gridWorker, "password1-for-tests", "网格员（测试）", Role.GRID_WORKER, VILLAGE, Set.of()));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RosterOfficeFilesTests.class.getResourceAsStream("/rosters/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    MvcResult importFixture(String name, String language) throws Exception {
        return mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", fixture(name)))
                        .with(httpBasic(gridWorker, "password1-for-tests")).header("Accept-Language", language))
                .andExpect(status().isOk()).andReturn();
    }

    static void counts(MvcResult result, long read, long saved, long alreadyPresent, long rejected) throws Exception {
        assertThat(List.of(readLong(result, "$.read"), readLong(result, "$.saved"), readLong(result, "$.alreadyPresent"),
                readLong(result, "$.rejected"))).as("read, saved, already present, rejected")
                .containsExactly(read, saved, alreadyPresent, rejected);
    }

    static List<Map<String, Object>> errors(MvcResult result) throws Exception {
        return read(result, "$.errors");
    }

    long stored(String idNumber) {
        return count("select count(*) from returnee r join person p on p.id = r.person_id where p.id_number_hash = ?",
                (Object) cipher.hash(RegistryManagement.ID_FIELD, "RESIDENT_ID::" + idNumber));
    }

    long arrivals(String idNumber, LocalDate arrived) {
        return count("""
                select count(*) from returnee r join person p on p.id = r.person_id
                where p.id_number_hash = ? and r.arrived_on = ?""",
                cipher.hash(RegistryManagement.ID_FIELD, "RESIDENT_ID::" + idNumber), arrived);
    }

    long importedBy() {
        return count("select count(*) from returnee where source = 'IMPORTED' and created_by = ?", gridWorker);
    }

    // ------------------------------------------------------------------ header rows

    @Test
    void aTitleRowAndAMadeByLineAboveTheHeaderAreSkippedInTheWorkbookAndItsCsv() throws Exception {
        MvcResult xlsx = importFixture("title-row.xlsx", "en");
        counts(xlsx, 6, 5, 0, 1);
        assertThat(errors(xlsx)).extracting(e -> e.get("sheet"), e -> e.get("row"), e -> e.get("column"), e -> e.get("code"))
                .containsExactly(tuple("返乡人员", 9, "证件号码", "validation.idNumber.checksum"));
        assertThat((String) errors(xlsx).get(0).get("message")).isEqualTo(CHECKSUM_EN).doesNotContain("expected");
        assertThat((Integer) read(xlsx, "$.sheets[0].headerRow")).isEqualTo(3);
        assertThat(importedBy()).isEqualTo(5);

        MvcResult csv = importFixture("title-row.csv", "zh-CN");
        counts(csv, 6, 0, 5, 1);
        assertThat(errors(csv)).extracting(e -> e.get("sheet"), e -> e.get("row"), e -> e.get("code"))
                .containsExactly(tuple(null, 9, "validation.idNumber.checksum"));
        assertThat((String) errors(csv).get(0).get("message")).isEqualTo("身份证号码无效（校验位与前 17 位不符），请逐位核对号码")
                .doesNotContain("应为");
    }

    @Test
    void aTwoRowHeaderWithMergedGroupCellsIsRead() throws Exception {
        MvcResult xlsx = importFixture("two-row-header.xlsx", "en");
        counts(xlsx, 6, 5, 0, 1);
        assertThat(errors(xlsx)).extracting(e -> e.get("sheet"), e -> e.get("row"), e -> e.get("column"), e -> e.get("code"))
                .containsExactly(tuple("名单", 6, "手机号", "validation.phone.format"));
        assertThat((Integer) read(xlsx, "$.sheets[0].headerRow")).isEqualTo(2);
        // 姓名 merged down over both header rows, 目的地 over 代码: every column is taken
        assertThat(count("""
                select count(*) from returnee r join person p on p.id = r.person_id
                where r.created_by = ? and r.destination_code = ? and r.arrived_on = date '2020-01-22'
                  and r.transport_mode = 'TRAIN' and r.origin_code = '420102' and p.name <> ''""", gridWorker, VILLAGE))
                .isEqualTo(5);

        MvcResult csv = importFixture("two-row-header.csv", "en");
        counts(csv, 6, 0, 5, 1);
        assertThat(errors(csv)).extracting(e -> e.get("row"), e -> e.get("code")).containsExactly(tuple(6, "validation.phone.format"));
    }

    @Test
    void withoutAHeaderTheMessageSaysWhatWasLookedForAndWhatWasFound() throws Exception {
        String noDestination = "神木市返乡人员名单\r\n姓名,证件号码,手机号,抵达日期\r\n张三,11010519491231002X,13800138000,2020-01-22\r\n";
        MvcResult missing = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", noDestination.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic(gridWorker, "password1-for-tests")).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(missing, "$.errors[0].code")).isEqualTo("roster.file.missingColumns");
        assertThat((String) read(missing, "$.errors[0].message")).isEqualTo("Required columns are missing: 目的地代码 (destinationCode). "
                + "The row closest to a header is row 2, which has: 姓名 (name), 证件号码 (idNumber), 手机号 (phone), 抵达日期 (arrivedOn). "
                + "Use the template's headers");

        String noHeader = "张三,11010519491231002X,13800138000\r\n李四,440524188001010014,13800138001\r\n";
        MvcResult none = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "x.csv", "text/csv", noHeader.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic(gridWorker, "password1-for-tests")).header("Accept-Language", "zh-CN"))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat((String) read(none, "$.errors[0].code")).isEqualTo("roster.file.noHeader");
        assertThat((String) read(none, "$.errors[0].message")).isEqualTo("在前 10 个非空行中没有找到表头，需要的列："
                + "姓名 (name)、证件号码 (idNumber)、抵达日期 (arrivedOn)、目的地代码 (destinationCode)。"
                + "第 1 行的内容是：“张三”、“11010519491231002X”、“13800138000”。请使用模板的表头");
        assertThat(importedBy()).isZero();
    }

    // ------------------------------------------------------------------ sheets

    @Test
    void everySheetWithTheHeaderIsReadAndTheOthersAreNamedInTheReport() throws Exception {
        MvcResult result = importFixture("several-sheets.xlsx", "en");

        counts(result, 8, 6, 0, 2);
        assertThat(errors(result)).extracting(e -> e.get("sheet"), e -> e.get("row"), e -> e.get("column"), e -> e.get("code"))
                .containsExactly(tuple("中鸡镇", 4, "目的地代码", "validation.destination.outsideJurisdiction"),
                        tuple("锦界镇", 4, "抵达日期", "validation.required"));
        List<Map<String, Object>> sheets = read(result, "$.sheets");
        assertThat(sheets).extracting(s -> s.get("name"), s -> s.get("headerRow"), s -> s.get("read"), s -> s.get("rejected"))
                .containsExactly(tuple("中鸡镇", 1, 4, 1), tuple("锦界镇", 2, 3, 1), tuple("孙家岔镇", 1, 1, 0));
        List<Map<String, Object>> skipped = read(result, "$.skippedSheets");
        assertThat(skipped).extracting(s -> s.get("name"), s -> s.get("reason"))
                .containsExactly(tuple("填写说明", "NO_HEADER"), tuple("Sheet4", "EMPTY"), tuple("备份", "HIDDEN"));
        assertThat(skipped).extracting(s -> (String) s.get("message")).containsExactly(
                "Sheet “填写说明” skipped: no header in its first 10 non-blank rows (columns looked for: " + LOOKED_FOR + ")",
                "Sheet “Sheet4” skipped: it is empty",
                "Sheet “备份” skipped: it is hidden (hidden content is not imported; unhide the sheet to import it)");
        // the rows of the hidden sheet (610821195308081079 and 610821195309091084 in make-fixtures.py) are not stored
        assertThat(stored(fixtureId(3, 7))).isZero();
        assertThat(stored(fixtureId(3, 8))).isZero();
        assertThat(stored(fixtureId(3, 9))).as("the last sheet's row").isEqualTo(1);

        // the error file names the sheet of each row
        String errorFile = new String(mvc.perform(get((String) read(result, "$.errorFile"))
                        .with(httpBasic(gridWorker, "password1-for-tests"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        List<String> lines = errorFile.lines().toList();
        assertThat(lines.get(0)).endsWith(",目的地代码,详细地址,Sheet,Row,Problems");
        assertThat(lines.get(1)).contains(",中鸡镇,4,目的地代码: ");
        assertThat(lines.get(2)).contains(",锦界镇,4,抵达日期: ");
    }

    @Test
    void thePageListsTheSheetsReadAndSkippedAndNamesTheSheetOfEachRow() throws Exception {
        String html = body(mvc.perform(multipart("/returnees/roster")
                        .file(new MockMultipartFile("file", "several-sheets.xlsx", "application/octet-stream",
                                fixture("several-sheets.xlsx")))
                        .with(user(accounts.loadUserByUsername(gridWorker))).with(csrf()))
                .andExpect(status().isOk()).andReturn());
        assertThat(html).contains("id=\"roster-sheets\"").contains("工作表“锦界镇”：表头在第 2 行，读取 3 行，有问题 1 行")
                .contains("id=\"skipped-sheets\"").contains("工作表“Sheet4”已跳过：没有内容")
                .contains("工作表“备份”已跳过：该工作表已隐藏").contains("锦界镇 第 4 行");
        // saved or already present, whichever test imported the file first
        assertThat(html).containsPattern("id=\"count-read\">8<").containsPattern("id=\"count-rejected\">2<");
    }

    // ------------------------------------------------------------------ typed input

    @Test
    void fullWidthDigitsAndInvisibleSpacesInIdsPhonesAndCodesAreNormalised() throws Exception {
        MvcResult xlsx = importFixture("fullwidth-spaces.xlsx", "en");
        counts(xlsx, 7, 6, 0, 1);
        assertThat(errors(xlsx)).extracting(e -> e.get("row"), e -> e.get("column"), e -> e.get("code"), e -> e.get("message"))
                .containsExactly(tuple(8, "证件号码", "validation.idNumber.checksum", CHECKSUM_EN));
        for (int i = 0; i < 6; i++) {
            assertThat(stored(i == 5 ? fixtureIdEndingInX(4, 5) : fixtureId(4, i))).as("row " + (i + 2)).isEqualTo(1);
        }
        // stored as normalised values: the phone hash is the plain number's, the destination the plain code
        assertThat(count("""
                select count(*) from returnee r join person p on p.id = r.person_id
                where r.created_by = ? and p.phone_hash = ? and r.destination_code = ? and r.origin_code = '420102'""",
                gridWorker, cipher.hash(RegistryManagement.PHONE_FIELD, "13790400000"), VILLAGE)).isEqualTo(1);
        assertThat(count("select count(*) from returnee where created_by = ? and destination_code !~ '^[0-9]+$'", gridWorker))
                .isZero();

        MvcResult csv = importFixture("fullwidth-spaces.csv", "en");
        counts(csv, 7, 0, 6, 1);
        assertThat(errors(csv)).extracting(e -> e.get("row"), e -> e.get("code")).containsExactly(tuple(8, "validation.idNumber.checksum"));
    }

    // ------------------------------------------------------------------ dates

    @Test
    void zhCnCsvDatesWithTwoDigitYearsAreRead() throws Exception {
        MvcResult result = importFixture("zh-cn-dates.csv", "zh-CN");
        counts(result, 7, 5, 0, 2);
        assertThat(errors(result)).extracting(e -> e.get("row"), e -> e.get("column"), e -> e.get("code"), e -> e.get("message"))
                .containsExactly(
                        tuple(6, "抵达日期", "validation.date.impossible", "日期“20年2月30日”不存在（月份或日期超出范围），请核对"),
                        tuple(8, "离开风险地区日期", "validation.returnee.leftAfterArrival",
                                messages("validation.returnee.leftAfterArrival")));
        assertThat(arrivals(fixtureId(5, 0), LocalDate.of(2020, 1, 20))).isEqualTo(1);
        assertThat(count("select count(*) from returnee where created_by = ? and left_risk_area_on = date '2020-01-19'", gridWorker))
                .isEqualTo(5);
    }

    @Test
    void theCommonChineseSpellingsInAGb18030CsvAreRead() throws Exception {
        MvcResult result = importFixture("hao-dates-gb18030.csv", "en");
        counts(result, 7, 6, 0, 1);
        assertThat(errors(result)).extracting(e -> e.get("row"), e -> e.get("column"), e -> e.get("code"), e -> e.get("message"))
                .containsExactly(tuple(8, "抵达日期", "validation.date.impossible",
                        "The date “2020年1月32号” does not exist (the month or day is out of range); please check it"));
        assertThat(arrivals(fixtureId(6, 0), LocalDate.of(2020, 1, 25))).as("2020年01月25号").isEqualTo(1);
        for (int i = 1; i < 6; i++) {
            assertThat(arrivals(fixtureId(6, i), LocalDate.of(2020, 1, 22))).as("row " + (i + 2)).isEqualTo(1);
        }
        assertThat(count("select count(*) from person p join returnee r on r.person_id = p.id where r.created_by = ? and p.name = '𠮷野'",
                gridWorker)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ good and bad rows

    @Test
    void goodAndBadRowsMixedWithBlankRowsAreSortedExactly() throws Exception {
        MvcResult result = importFixture("mixed.xlsx", "en");
        counts(result, 10, 3, 0, 7);
        assertThat(errors(result)).extracting(e -> e.get("row"), e -> e.get("column"), e -> e.get("code")).containsExactly(
                tuple(3, "证件号码", "validation.idNumber.checksum"),
                tuple(5, "姓名", "validation.required"),
                tuple(7, "证件号码", "roster.idNumber.numeric"),
                tuple(8, "目的地代码", "validation.destination.unknown"),
                tuple(9, "抵达日期", "validation.date.impossible"),
                tuple(10, "交通方式", "roster.transportMode.unknown"),
                tuple(14, "手机号", "validation.phone.format"));
        assertThat(errors(result)).extracting(e -> e.get("sheet")).containsOnly("名单");
        for (int i : new int[] {0, 3, 8}) {
            assertThat(stored(fixtureId(7, i))).isEqualTo(1);
        }
        for (int i : new int[] {2, 5, 6, 7, 9}) {
            assertThat(stored(fixtureId(7, i))).isZero();
        }
    }

    // ------------------------------------------------------------------ the fixtures' ID numbers (as make-fixtures.py)

    /** {@code id_number(variant, i)} of make-fixtures.py. */
    static String fixtureId(int variant, int i) {
        return fixtureId(variant, i, 100);
    }

    static String fixtureId(int variant, int i, int sequence) {
        return withCheckChar(String.format("610821%04d%02d%02d%03d", 1950 + variant, 1 + i % 12, 1 + i % 28, sequence + i));
    }

    /** {@code id_ending_in_x(variant, i)} of make-fixtures.py. */
    static String fixtureIdEndingInX(int variant, int i) {
        for (int sequence = 100; sequence < 1000; sequence += 10) {
            String id = fixtureId(variant, i, sequence);
            if (id.endsWith("X")) {
                return id;
            }
        }
        throw new AssertionError("no X");
    }

    @Autowired
    org.springframework.context.MessageSource messageSource;

    String messages(String code) {
        return messageSource.getMessage(code, null, java.util.Locale.SIMPLIFIED_CHINESE);
    }
}

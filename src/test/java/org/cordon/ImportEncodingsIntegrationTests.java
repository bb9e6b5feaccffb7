package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The area-grid import and the roster import read files through the same reader: they accept the same encodings
 * (UTF-8 with or without byte-order mark, GB18030 and its subset GBK) and refuse the same files with the same kind
 * of message.
 */
class ImportEncodingsIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    /** Groups below the sample village, outside the range the area tests hand out; removed after each test. */
    static final String GROUPS = VILLAGE + "95";
    static final String AREA_HEADER = "code,name,parentCode,kind,households,residents";
    static final String ROSTER_HEADER = "姓名,证件类型,证件号码,国籍,手机号,来源地代码,离开风险地区日期,抵达日期,交通方式,车牌/车次/航班,同行人员,目的地代码,详细地址";

    @Autowired
    AccountManagement accounts;

    String gridWorker;

    @BeforeEach
    void gridWorker() {
        gridWorker = "enc-gw-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(gridWorker, "password1-for-tests", "网格员（编码测试）", Role.GRID_WORKER, VILLAGE, Set.of()));
    }

    @AfterEach
    void removeGroups() {
        jdbc.sql("delete from area where code like ?").param(GROUPS + "%").update();
    }

    static byte[] encode(String text, String encoding) {
        return encoding.equals("UTF-8 BOM") ? ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8) : text.getBytes(Charset.forName(encoding));
    }

    MvcResult importArea(byte[] content) throws Exception {
        return mvc.perform(multipart("/api/v1/areas/import").header("X-Cordon-Client", "test").file(new MockMultipartFile("file", "areas.csv", "text/csv", content))
                .with(httpBasic("admin", DEMO_PASSWORD)).header("Accept-Language", "en")).andReturn();
    }

    MvcResult importRoster(byte[] content) throws Exception {
        RequestPostProcessor as = httpBasic(gridWorker, "password1-for-tests");
        return mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test").file(new MockMultipartFile("file", "名单.csv", "text/csv", content))
                .with(as).header("Accept-Language", "en")).andReturn();
    }

    String rosterRow(String name) {
        return String.join(",", name, "居民身份证", randomIdNumber(), "", randomPhone(), "420102", "", today().toString(), "火车",
                "G1234", "妻子", VILLAGE, "中鸡一村 1 号");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-8 BOM", "GB18030", "GBK"})
    void bothImportsReadTheSameEncodings(String encoding) throws Exception {
        String groupName = "编码测试组（" + encoding + "）";
        String code = GROUPS + encoding.length();
        MvcResult area = importArea(encode(AREA_HEADER + "\r\n" + code + "," + groupName + "," + VILLAGE + ",村民小组,,\r\n", encoding));
        assertThat(area.getResponse().getStatus()).as(body(area)).isEqualTo(200);
        assertThat(readLong(area, "$.rejected")).isZero();
        assertThat(jdbc.sql("select name from area where code = ?").param(code).query(String.class).single()).isEqualTo(groupName);

        String person = "欧阳编码" + "甲乙丙丁".charAt(encoding.length() % 4);
        MvcResult roster = importRoster(encode(ROSTER_HEADER + "\r\n" + rosterRow(person) + "\r\n", encoding));
        assertThat(roster.getResponse().getStatus()).as(body(roster)).isEqualTo(200);
        assertThat(readLong(roster, "$.saved")).as(body(roster)).isEqualTo(1);
        assertThat(count("select count(*) from person p join returnee r on r.person_id = p.id where r.created_by = ? and p.name = ?",
                gridWorker, person)).isEqualTo(1);
    }

    @Test
    void bothImportsRefuseTheSameFilesForTheSameReasons() throws Exception {
        byte[] neitherEncoding = concat(encode(AREA_HEADER + "\r\n" + GROUPS + "1,", "GBK"), new byte[]{(byte) 0xFF, (byte) 0xFF},
                ("," + VILLAGE + ",GROUP,,\r\n").getBytes(StandardCharsets.US_ASCII));
        // problems in the first row: the roster import would stop at a header without its columns otherwise
        byte[] unclosedQuote = ("code,\"" + "很长".repeat(6000) + "\r\n" + GROUPS + "2,x," + VILLAGE + ",GROUP,,\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tooManyColumns = ("x,".repeat(300) + "x\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] oldExcel = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        byte[] brokenZip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8};
        byte[] binary = {'%', 'P', 'D', 'F', 0, 1, 2};
        record Case(byte[] content, String kind) {
        }
        for (Case c : List.of(new Case(neitherEncoding, "encoding"), new Case(unclosedQuote, "cellTooLong"),
                new Case(tooManyColumns, "tooManyColumns"), new Case(oldExcel, "xls"), new Case(brokenZip, "unreadable"),
                new Case(binary, "unreadable"))) {
            MvcResult area = importArea(c.content());
            MvcResult roster = importRoster(c.content());
            assertThat(area.getResponse().getStatus()).as(c.kind()).isEqualTo(400);
            assertThat(roster.getResponse().getStatus()).as(c.kind()).isEqualTo(400);
            assertThat((String) read(area, "$.errors[0].code")).isEqualTo("area.import." + c.kind());
            assertThat((String) read(roster, "$.errors[0].code")).isEqualTo("roster.file." + c.kind());
            assertThat((String) read(area, "$.errors[0].message")).doesNotStartWith("area.").doesNotContain("{");
            assertThat((String) read(roster, "$.errors[0].message")).doesNotStartWith("roster.").doesNotContain("{")
                    .doesNotContain("stored");
        }
        assertThat((String) read(importRoster(unclosedQuote), "$.errors[0].message"))
                .isEqualTo("Row 1 has a cell longer than 10,000 characters; perhaps a quote is not closed");
        assertThat(count("select count(*) from area where code like ?", GROUPS + "%")).isZero();
    }

    @Test
    void aFileThatBreaksOffPartWayNamesTheRowAndStoresNothingOfAnUnfinishedChunk() throws Exception {
        String tail = "坏,\"" + "x".repeat(10_001) + "\"\r\n";
        MvcResult roster = importRoster((ROSTER_HEADER + "\r\n" + rosterRow("断行甲") + "\r\n" + rosterRow("断行乙") + "\r\n" + tail)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(roster.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(roster, "$.errors[0].message"))
                .isEqualTo("Row 4 has a cell longer than 10,000 characters; perhaps a quote is not closed");
        assertThat(count("select count(*) from returnee where created_by = ?", gridWorker)).isZero();

        MvcResult area = importArea((AREA_HEADER + "\r\n" + GROUPS + "3,断行组," + VILLAGE + ",GROUP,,\r\n" + tail)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(area.getResponse().getStatus()).isEqualTo(400);
        assertThat((String) read(area, "$.errors[0].message"))
                .isEqualTo("Row 3 has a cell longer than 10,000 characters; perhaps a quote is not closed");
        assertThat(count("select count(*) from area where code like ?", GROUPS + "%")).isZero();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

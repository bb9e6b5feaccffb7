package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.AuditLog;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.cordon.shared.Masking;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Roster export: masked by default, full values only for reveal roles, jurisdiction, audit log. */
class RosterExportTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881104202";
    static final String OTHER_VILLAGE = "610881104201";

    @Autowired
    AccountManagement accounts;
    @Autowired
    AuditLog audit;

    String gridWorker;
    String idNumber;
    String phone;

    @BeforeEach
    void gridWorkerWithOneImportedReturnee() throws Exception {
        gridWorker = "roster-ex-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(gridWorker, "password1-for-tests", "网格员（导出测试）", Role.GRID_WORKER, VILLAGE, Set.of()));
        idNumber = randomIdNumber();
        phone = randomPhone();
        String csv = RosterImportTests.HEADER + "\r\n" + String.join(",", "欧阳明华", "", idNumber, "", phone, "420102", "",
                today().minusDays(1).toString(), "客车", "", "妻子", VILLAGE, "大柳塔二村 8 号") + "\r\n";
        MvcResult result = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "r.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(asGridWorker()))
                .andExpect(status().isOk()).andReturn();
        assertThat(readLong(result, "$.saved")).isEqualTo(1);
    }

    RequestPostProcessor asGridWorker() {
        return httpBasic(gridWorker, "password1-for-tests");
    }

    int exports(String area) {
        return audit.countFor(RosterExportManagement.AUDIT_RECORD_TYPE, area, AuditLog.Action.EXPORT);
    }

    static List<List<String>> sheet(MvcResult result) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
            for (Row row : wb.getFirstSheet().read()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(row.getCell(i) == null ? "" : row.getCell(i).getText());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    static List<String> rowOf(List<List<String>> rows, String maskedOrFullId) {
        return rows.stream().filter(r -> r.size() > 2 && r.get(2).equals(maskedOrFullId)).findFirst().orElseThrow();
    }

    @Test
    void anExportIsMaskedByDefaultAndAudited() throws Exception {
        int before = exports(VILLAGE);

        MvcResult result = mvc.perform(get("/api/v1/returnees/roster/export").with(asGridWorker()))
                .andExpect(status().isOk()).andReturn();

        assertThat(result.getResponse().getContentType()).contains("spreadsheetml");
        assertThat(result.getResponse().getHeader("Content-Disposition")).contains("roster-" + VILLAGE);
        List<List<String>> rows = sheet(result);
        assertThat(rows.get(0).subList(0, 3)).containsExactly("姓名", "证件类型", "证件号码");
        List<String> row = rowOf(rows, Masking.idNumber(idNumber));
        assertThat(row.get(0)).isEqualTo("欧**华");
        assertThat(row.get(4)).isEqualTo(Masking.phone(phone));
        assertThat(row.get(8)).isEqualTo("客车");
        assertThat(row.get(11)).isEqualTo(VILLAGE);
        String everything = rows.toString();
        assertThat(everything).doesNotContain(idNumber).doesNotContain(phone).doesNotContain("欧阳明华");
        assertThat(rows.stream().skip(1).allMatch(r -> r.get(11).startsWith(VILLAGE))).isTrue();
        assertThat(exports(VILLAGE)).isEqualTo(before + 1);
    }

    @Test
    void fullValuesAreRefusedToARoleWithoutRevealPermission() throws Exception {
        int before = exports(VILLAGE);
        mvc.perform(get("/api/v1/returnees/roster/export?full=true").with(asGridWorker())).andExpect(status().isForbidden());
        mvc.perform(get("/returnees/roster/export?full=true").with(user(accounts.loadUserByUsername(gridWorker))))
                .andExpect(status().isForbidden());
        assertThat(exports(VILLAGE)).isEqualTo(before);
    }

    @Test
    void aRevealRoleGetsFullValuesAndTheExportIsAudited() throws Exception {
        int before = exports(VILLAGE);

        MvcResult result = mvc.perform(get("/api/v1/returnees/roster/export?area=" + VILLAGE + "&full=true").with(as("commander")))
                .andExpect(status().isOk()).andReturn();

        List<String> row = rowOf(sheet(result), idNumber);
        assertThat(row.get(0)).isEqualTo("欧阳明华");
        assertThat(row.get(4)).isEqualTo(phone);
        assertThat(exports(VILLAGE)).isEqualTo(before + 1);
        assertThat(audit.page("commander", 0, 5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditLog.Action.EXPORT);
            assertThat(e.recordId()).isEqualTo(VILLAGE);
            assertThat(e.detail()).contains("full=true");
        });
    }

    @Test
    void everyExportThroughThePageIsAuditedToo() throws Exception {
        int before = exports(VILLAGE);
        MvcResult result = mvc.perform(get("/returnees/roster/export").param("area", VILLAGE)
                        .with(user(accounts.loadUserByUsername(gridWorker))))
                .andExpect(status().isOk()).andReturn();
        assertThat(rowOf(sheet(result), Masking.idNumber(idNumber))).isNotEmpty();
        assertThat(exports(VILLAGE)).isEqualTo(before + 1);
        assertThat(audit.page(gridWorker, 0, 5)).anySatisfy(e -> assertThat(e.detail()).contains("full=false"));
    }

    @Test
    void aUserCannotExportAnotherVillage() throws Exception {
        int before = exports(OTHER_VILLAGE);
        mvc.perform(get("/api/v1/returnees/roster/export?area=" + OTHER_VILLAGE).with(asGridWorker())).andExpect(status().isForbidden());
        mvc.perform(get("/returnees/roster/export").param("area", OTHER_VILLAGE).with(user(accounts.loadUserByUsername(gridWorker))))
                .andExpect(status().isForbidden());
        assertThat(exports(OTHER_VILLAGE)).isEqualTo(before);
    }

    @Test
    void anUnknownAreaIsAFieldProblem() throws Exception {
        mvc.perform(get("/api/v1/returnees/roster/export?area=" + VILLAGE + "999").with(asGridWorker()))
                .andExpect(status().isBadRequest());
    }
}

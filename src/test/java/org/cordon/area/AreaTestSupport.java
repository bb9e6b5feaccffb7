package org.cordon.area;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * Helpers of the area tests: fresh codes below the sample villages (the database is shared by all
 * test classes and never wiped during a run), accounts with an area, import files.
 */
abstract class AreaTestSupport extends IntegrationTestSupport {

    static final String HEADER = "code,name,parentCode,kind,households,residents";
    /** Sample town 中鸡镇 and its sample villages. */
    static final String TOWN = "610881106";
    static final String VILLAGE_1 = "610881106201";
    static final String VILLAGE_2 = "610881106202";
    /** Sample community 滨河新区第一社区 (street office 滨河新区街道) with sample compounds. */
    static final String COMMUNITY = "610881001001";
    static final String PASSWORD = "area-tests-password";

    private static final Set<String> HANDED_OUT = ConcurrentHashMap.newKeySet();

    @Autowired
    protected AccountManagement accounts;
    @Autowired
    protected AreaManagement areas;

    /** A code one level below {@code parent} that is neither stored nor handed out before. */
    protected String freshChild(String parent) {
        while (true) {
            String code = parent + String.format("%03d", 300 + ThreadLocalRandom.current().nextInt(600));
            if (HANDED_OUT.add(code) && count("select count(*) from area where code like ?", code + "%") == 0) {
                return code;
            }
        }
    }

    /** Creates an account with an area jurisdiction; returns its user name (password {@link #PASSWORD}). */
    protected String account(Role role, String areaCode) {
        String username = role.name().toLowerCase().replace("_", "") + "-" + ThreadLocalRandom.current().nextInt(1_000_000);
        accounts.createAccount(new NewAccount(username, PASSWORD, "测试 " + role, role, areaCode, Set.of()));
        return username;
    }

    protected CordonUser principal(String username) {
        return accounts.loadUserByUsername(username);
    }

    protected long areaRows(String prefix) {
        return count("select count(*) from area where code like ?", prefix + "%");
    }

    protected static MockMultipartFile csv(String... lines) {
        return new MockMultipartFile("file", "areas.csv", "text/csv",
                (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A workbook with one sheet; each row's cells are written as given (String or Number). */
    protected static MockMultipartFile xlsx(List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Cordon tests", "1.0");
        Worksheet sheet = workbook.newWorksheet("网格");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object value = rows.get(r).get(c);
                if (value instanceof Number n) {
                    sheet.value(r, c, n);
                } else if (value != null) {
                    sheet.value(r, c, value.toString());
                }
            }
        }
        workbook.finish();
        return new MockMultipartFile("file", "areas.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.toByteArray());
    }
}

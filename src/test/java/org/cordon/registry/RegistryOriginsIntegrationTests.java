package org.cordon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** Origins of returnees (issue 13): old codes, Hong Kong, Macao, Taiwan and countries, by API, form and roster. */
class RegistryOriginsIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";

    @Autowired
    AccountManagement accounts;

    @ParameterizedTest
    @CsvSource({
            "610821, 610881, 陕西省 榆林市 神木市",
            "HKG, 81, 香港特别行政区",
            "ISO:DE, ISO:DE, 境外 德国",
    })
    void theApiStoresTheCurrentCode(String typed, String stored, String name) throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/returnees").with(as("grid1")).contentType(MediaType.APPLICATION_JSON).content("""
                        {"sourceRef": "%s", "name": "白文", "idNumber": "%s", "phone": "%s", "originCode": "%s",
                         "arrivedOn": "%s", "transportMode": "FLIGHT", "transportDetail": "CA1234", "destinationCode": "%s"}"""
                        .formatted(UUID.randomUUID(), randomIdNumber(), randomPhone(), typed, today(), VILLAGE)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.originCode").value(stored))
                .andExpect(jsonPath("$.originName").value(name))
                .andReturn();
        assertThat(jdbc.sql("select origin_code from returnee where id = ?").param(readLong(result, "$.id")).query(String.class)
                .single()).isEqualTo(stored);
    }

    @Test
    void theDoorToDoorFormHasTheOriginPickerWithAbroad() throws Exception {
        var worker = user(accounts.loadUserByUsername("grid1"));
        String page = body(mvc.perform(get("/returnees/new").with(worker)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"originProvince\"").contains("<option value=\"ISO\">境外</option>")
                .contains("<option value=\"71\">台湾省</option>").doesNotContain("id=\"originCode\"");
        String english = body(mvc.perform(get("/returnees/new").param("lang", "en").with(worker)).andReturn());
        assertThat(english).contains("<option value=\"ISO\">Abroad</option>").contains("choose &quot;Abroad&quot;, then the country");

        String id = randomIdNumber();
        mvc.perform(post("/returnees").with(worker).with(csrf())
                        .param("sourceRef", UUID.randomUUID().toString()).param("name", "常远").param("idType", "RESIDENT_ID")
                        .param("idNumber", id).param("phone", randomPhone())
                        .param("originProvince", "ISO").param("originCity", "ISO:IR").param("originCounty", "")
                        .param("arrivedOn", today().toString()).param("destinationCode", VILLAGE))
                .andExpect(status().is3xxRedirection());
        assertThat(count("select count(*) from returnee r join person p on p.id = r.person_id where r.origin_code = 'ISO:IR'"
                + " and r.created_by = 'grid1' and r.arrived_on = ?", today())).isPositive();

        // an unknown choice is answered next to the picker, nothing stored
        long before = count("select count(*) from returnee");
        String refused = body(mvc.perform(post("/returnees").with(worker).with(csrf())
                        .param("sourceRef", UUID.randomUUID().toString()).param("name", "常远").param("idType", "RESIDENT_ID")
                        .param("idNumber", randomIdNumber()).param("phone", randomPhone())
                        .param("originProvince", "ISO").param("originCity", "ISO:XX")
                        .param("arrivedOn", today().toString()).param("destinationCode", VILLAGE))
                .andExpect(status().isOk()).andReturn());
        assertThat(refused).contains("来源地代码 ISO:XX 不存在");
        assertThat(count("select count(*) from returnee")).isEqualTo(before);
    }

    @Test
    void aRosterWithOldCodesAndCountriesIsImportedWithTheCurrentCodes() throws Exception {
        String worker = "origin-gw-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(worker, "password1-for-tests", "网格员（测试）", Role.GRID_WORKER, VILLAGE, Set.of()));
        LocalDate arrived = today().minusDays(1);
        String header = "姓名,证件类型,证件号码,国籍,手机号,来源地代码,离开风险地区日期,抵达日期,交通方式,车牌/车次/航班,同行人员,目的地代码,详细地址";
        String[] origins = {"610821", "USA", "810000", "ISO:JP", "4201", "999999"};
        StringBuilder csv = new StringBuilder(header).append("\r\n");
        for (String origin : origins) {
            csv.append(String.join(",", "乔" + origin.length(), "", randomIdNumber(), "", randomPhone(), origin, "",
                    arrived.toString(), "火车", "G1234", "", VILLAGE, "中鸡一村 1 号")).append("\r\n");
        }
        MvcResult result = mvc.perform(multipart("/api/v1/returnees/roster").header("X-Cordon-Client", "test")
                        .file(new MockMultipartFile("file", "origins.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic(worker, "password1-for-tests")))
                .andExpect(status().isOk()).andReturn();
        assertThat(readLong(result, "$.saved")).isEqualTo(5);
        assertThat(readLong(result, "$.rejected")).isEqualTo(1);
        List<Map<String, Object>> errors = read(result, "$.errors");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("row")).isEqualTo(7);
            assertThat(e.get("code")).isEqualTo("validation.origin.unknown");
        });
        List<String> stored = jdbc.sql("select origin_code from returnee where created_by = ? order by origin_code")
                .param(worker).query(String.class).list();
        assertThat(stored).containsExactlyInAnyOrder("610881", "ISO:US", "81", "ISO:JP", "4201");
    }
}

package org.cordon.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.checkpoint.CheckpointApiIntegrationTests.DESTINATION;
import static org.cordon.checkpoint.CheckpointApiIntegrationTests.passage;
import static org.cordon.checkpoint.CheckpointApiIntegrationTests.riskArea;
import static org.cordon.checkpoint.CheckpointApiIntegrationTests.someone;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Origins and plates at the checkpoint (issue 13): an old division code, Hong Kong and a country as the origin of a
 * passage, risk areas abroad, and the special plates that passed checkpoints in 2020, with their kind recorded and
 * shown.
 */
class OriginsAndPlatesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    ResultActions register(String json) throws Exception {
        return mvc.perform(post("/api/v1/checkpoints/{code}/passages", "KK01").with(as("officer1"))
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    MvcResult car(String plate, String origin) throws Exception {
        return register(passage(newClientId(), "ENTERING", plate, "CAR", origin, DESTINATION, true, null, someone("36.5", null)))
                .andExpect(status().isCreated()).andReturn();
    }

    static String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ThreadLocalRandom.current().nextInt(10));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource({
            "610821, 610881, 陕西省 榆林市 神木市",
            "810000, 81, 香港特别行政区",
            "82, 82, 澳门特别行政区",
            "71, 71, 台湾省",
            "ISO:JP, ISO:JP, 境外 日本",
            "usa, ISO:US, 境外 美国",
    })
    void anOriginIsStoredAsTheCurrentCode(String typed, String stored, String name) throws Exception {
        long id = readLong(register(passage(newClientId(), "ENTERING", freshPlate(), "CAR", typed, DESTINATION, true, null,
                        someone("36.5", null)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.originAreaCode").value(stored))
                .andExpect(jsonPath("$.originName").value(name))
                .andReturn(), "$.id");
        assertThat(jdbc.sql("select origin_code from passage where id = ?").param(id).query(String.class).single()).isEqualTo(stored);
    }

    @Test
    void anUnknownOriginIsRefusedAndNothingIsStored() throws Exception {
        long before = passageRows();
        register(passage(newClientId(), "ENTERING", freshPlate(), "CAR", "ISO:XX", DESTINATION, true, null, someone("36.5", null)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("originAreaCode"))
                .andExpect(jsonPath("$.errors[0].code").value("validation.origin.unknown"));
        assertThat(passageRows()).isEqualTo(before);
    }

    /** Risk areas by country and for every arrival from abroad; moved to the past at the end, like the other risk-area tests. */
    @Test
    void riskAreasAbroadScreenArrivalsFromThereOnly() throws Exception {
        LocalDate today = today();
        List<Long> added = new ArrayList<>();
        try {
            assertThat(disposition("ISO:IT")).isEqualTo("RELEASED");
            MvcResult italy = mvc.perform(post("/api/v1/risk-areas").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                            .content(riskArea("it", today, null)))
                    .andExpect(status().isCreated()).andReturn();
            added.add(CheckpointApiIntegrationTests.idFromLocation(italy));
            List<String> names = read(italy, "$.riskAreas[?(@.codePrefix=='ISO:IT')].name");
            assertThat(names).contains("境外 意大利");
            assertThat(disposition("ISO:IT")).isEqualTo("HOME_OBSERVATION");
            assertThat(disposition("ISO:FR")).isEqualTo("RELEASED");
            assertThat(disposition("420102")).as("the seeded risk area 42 still applies").isEqualTo("HOME_OBSERVATION");

            MvcResult abroad = mvc.perform(post("/api/v1/risk-areas").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                            .content(riskArea("ISO", today, null)))
                    .andExpect(status().isCreated()).andReturn();
            added.add(CheckpointApiIntegrationTests.idFromLocation(abroad));
            assertThat(disposition("ISO:FR")).isEqualTo("HOME_OBSERVATION");
            assertThat(disposition("81")).as("Hong Kong is not abroad").isEqualTo("RELEASED");

            // an old code is stored as the current one; a code of nothing is refused
            MvcResult shenmu = mvc.perform(post("/api/v1/risk-areas").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                            .content(riskArea("610821", today.minusDays(3), today.minusDays(3))))
                    .andExpect(status().isCreated()).andReturn();
            added.add(CheckpointApiIntegrationTests.idFromLocation(shenmu));
            List<String> shenmuNames = read(shenmu, "$.riskAreas[?(@.id==%d)].codePrefix".formatted(added.get(2)));
            assertThat(shenmuNames).containsExactly("610881");
            mvc.perform(post("/api/v1/risk-areas").with(as("commander")).contentType(MediaType.APPLICATION_JSON)
                            .content(riskArea("ISO:XX", today, null)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].code").value("validation.origin.unknown"));
        } finally {
            for (long id : added) {
                jdbc.sql("update risk_area set valid_from = ?, valid_to = ? where id = ?")
                        .params(today.minusDays(10), today.minusDays(10), id).update();
            }
        }
        assertThat(disposition("ISO:IT")).isEqualTo("RELEASED");
    }

    String disposition(String origin) throws Exception {
        return read(car(freshPlate(), origin), "$.occupants[0].disposition");
    }

    @Test
    void specialPlatesAreAcceptedWithTheirKindInTheApiAndOnThePages() throws Exception {
        String[][] plates = {
                {"使" + digits(6), "EMBASSY", "使馆"},
                {"沪A" + digits(4) + "领", "CONSULATE", "领馆"},
                {"K" + "ABCDEFGH".charAt(ThreadLocalRandom.current().nextInt(8)) + digits(5), "MILITARY", "军车"},
                {"WJ京" + digits(5), "ARMED_POLICE", "武警"},
                {"川X" + digits(4) + "应急", "EMERGENCY", "应急救援"},
                {"陕08" + digits(5), "AGRICULTURAL", "拖拉机"},
                {"陕KD" + digits(5), "NEW_ENERGY", "新能源"},
        };
        for (String[] p : plates) {
            long id = readLong(register(passage(newClientId(), "ENTERING", p[0].toLowerCase(java.util.Locale.ROOT), "CAR",
                            "610802", DESTINATION, true, null, someone("36.5", null)))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.plateNumber").value(p[0]))
                    .andExpect(jsonPath("$.plateKind").value(p[1]))
                    .andReturn(), "$.id");
            assertThat(jdbc.sql("select plate_kind from passage where id = ?").param(id).query(String.class).single()).isEqualTo(p[1]);
            mvc.perform(get("/api/v1/passages/{id}", id).with(as("officer1"))).andExpect(jsonPath("$.plateKind").value(p[1]));
            String detail = body(mvc.perform(get("/passages/{id}", id).with(user(accounts.loadUserByUsername("officer1"))))
                    .andExpect(status().isOk()).andReturn());
            assertThat(detail).contains(p[0]).contains("id=\"plate-kind\">" + p[2] + "<");
            String english = body(mvc.perform(get("/passages/{id}", id).param("lang", "en")
                    .with(user(accounts.loadUserByUsername("officer1")))).andReturn());
            assertThat(english).contains("Plate kind");
            String list = body(mvc.perform(get("/checkpoints/KK01/passages").param("q", p[0])
                    .with(user(accounts.loadUserByUsername("officer1")))).andExpect(status().isOk()).andReturn());
            assertThat(list).as(p[0] + " found by its plate and tagged with its kind").contains(p[0])
                    .contains("class=\"tag plate-kind\">" + p[2] + "<");
        }
        // a pedestrian has no plate and so no kind
        register(passage(newClientId(), "ENTERING", null, "PEDESTRIAN", "610802", DESTINATION, false, null, someone("36.5", null)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.plateKind").doesNotExist());
        // near misses are still refused with the plate message
        register(passage(newClientId(), "ENTERING", "使12345", "CAR", "610802", DESTINATION, true, null, someone("36.5", null)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].code").value("validation.plate.format"));
    }

    @Test
    void theRegistrationPageOffersAbroadAndHongKongAndStoresACountry() throws Exception {
        var officer = user(accounts.loadUserByUsername("officer1"));
        String page = body(mvc.perform(get("/checkpoints/KK01/passages/new").with(officer)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("<option value=\"81\">香港特别行政区</option>").contains("<option value=\"ISO\">境外</option>");
        String countries = body(mvc.perform(get("/ref/division-options").param("originProvince", "ISO").with(officer))
                .andExpect(status().isOk()).andReturn());
        assertThat(countries).contains("<option value=\"ISO:JP\">日本</option>").doesNotContain("ISO:CN");
        String english = body(mvc.perform(get("/ref/division-options").param("originProvince", "ISO").param("lang", "en")
                .with(officer)).andReturn());
        assertThat(english).contains("<option value=\"ISO:JP\">Japan</option>");

        String plate = freshPlate();
        String location = mvc.perform(post("/checkpoints/{code}/passages", "KK01").with(officer).with(csrf())
                        .param("clientId", newClientId()).param("direction", "ENTERING").param("vehicleType", "CAR")
                        .param("plateNumber", plate).param("originProvince", "ISO").param("originCity", "ISO:KR")
                        .param("destinationTown", "610881106").param("destinationArea", "610881106201")
                        .param("occupants[0].name", "金明").param("occupants[0].idType", "PASSPORT")
                        .param("occupants[0].idNumber", "M" + digits(8)).param("occupants[0].temperature", "36.4"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(count("select count(*) from passage where plate_number = ? and origin_code = 'ISO:KR'", plate)).isEqualTo(1);
        String detail = body(mvc.perform(get(location.replace("?registered", ""))
                .with(officer)).andExpect(status().isOk()).andReturn());
        assertThat(detail).contains("境外 韩国");
    }

    @Test
    void aMilitaryPlateIsFoundByItsPlateThoughItHasNoChineseCharacter() throws Exception {
        String plate = "VA" + digits(5);
        car(plate, "610802");
        mvc.perform(get("/api/v1/checkpoints/{code}/passages", "KK01").param("q", plate.toLowerCase(java.util.Locale.ROOT))
                        .with(as("officer1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].plateNumber").value(plate))
                .andExpect(jsonPath("$.items[0].plateKind").value("MILITARY"));
    }
}

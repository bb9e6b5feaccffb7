package org.cordon.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cordon.notice.PortalIntegrationTests.from;
import static org.cordon.notice.PortalIntegrationTests.newClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The public self-report accepts Hong Kong, Macao, Taiwan and countries as where the person came from (issue 13). */
class PortalOriginsIntegrationTests extends IntegrationTestSupport {

    @Test
    void thePublicPickerListsCountriesAbroad() throws Exception {
        String page = body(mvc.perform(get("/portal/self-report")).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("<option value=\"81\">香港特别行政区</option>").contains("<option value=\"ISO\">境外</option>");
        String countries = body(mvc.perform(get("/portal/ref/division-options").param("originProvince", "ISO"))
                .andExpect(status().isOk()).andReturn());
        assertThat(countries).contains("<option value=\"ISO:GB\">英国</option>");
        String english = body(mvc.perform(get("/portal/ref/division-options").param("originProvince", "ISO").param("lang", "en"))
                .andExpect(status().isOk()).andReturn());
        assertThat(english).contains("<option value=\"ISO:GB\">United Kingdom</option>");
    }

    @ParameterizedTest
    @CsvSource({"81, ''", "ISO, ISO:GB", "ISO, ''"})
    void aSelfReportFromHongKongOrAbroadIsReceived(String province, String city) throws Exception {
        long receipts = count("select count(*) from self_report");
        String page = body(mvc.perform(post("/portal/self-report").with(csrf()).with(from(newClient()))
                        .param("name", "林" + (char) ('甲' + (int) (Math.random() * 40)) + "文").param("idType", "RESIDENT_ID")
                        .param("idNumber", randomIdNumber()).param("phone", randomPhone())
                        .param("originProvince", province).param("originCity", city)
                        .param("arrivedOn", today().minusDays(1).toString()).param("transportMode", "FLIGHT")
                        .param("destinationTown", "610881106").param("destinationCode", "610881106201").param("website", ""))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"confirmation-number\"");
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts + 1);
    }

    @Test
    void anOriginOfNothingIsRefused() throws Exception {
        long receipts = count("select count(*) from self_report");
        String page = body(mvc.perform(post("/portal/self-report").with(csrf()).with(from(newClient()))
                        .param("name", "林文").param("idType", "RESIDENT_ID").param("idNumber", randomIdNumber())
                        .param("phone", randomPhone()).param("originProvince", "ISO").param("originCity", "ISO:ZZ")
                        .param("arrivedOn", today().minusDays(1).toString())
                        .param("destinationTown", "610881106").param("destinationCode", "610881106201").param("website", ""))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("来源地代码 ISO:ZZ 不存在");
        assertThat(count("select count(*) from self_report")).isEqualTo(receipts);
    }
}

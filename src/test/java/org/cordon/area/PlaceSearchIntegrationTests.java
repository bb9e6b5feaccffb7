package org.cordon.area;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The pickers' search (GET /ref/places, GET /api/v1/ref/places) against the real area tree and divisions. */
class PlaceSearchIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    /** A signed-in page session (the page endpoints do not take HTTP Basic). */
    private RequestPostProcessor page(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    @Test
    void aTownIsFoundByPinyinInitialsAndByName() throws Exception {
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "sjc").with(as("admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].code").value("610881103"))
                .andExpect(jsonPath("$[0].name").value("孙家岔镇"))
                .andExpect(jsonPath("$[0].kind").value("TOWN"));
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "孙家").with(as("admin")))
                .andExpect(jsonPath("$[0].code").value("610881103"))
                .andExpect(jsonPath("$[*].code").value(hasItem("610881103201")));
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "sunjia").with(as("admin")))
                .andExpect(jsonPath("$[0].code").value("610881103"));
    }

    @Test
    void areaKindsNarrowTheSearch() throws Exception {
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "孙家").param("kinds", "TOWN,STREET").with(as("admin")))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].code").value("610881103"));
    }

    @Test
    void areasStayInsideTheCallersScope() throws Exception {
        // town1 works in 中鸡镇 (610881106): 孙家岔镇 lies outside
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "sjc").with(as("town1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code", everyItem(startsWith("610881106"))));
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "zj").with(as("town1")))
                .andExpect(jsonPath("$[*].code", everyItem(startsWith("610881106"))))
                .andExpect(jsonPath("$.length()", lessThanOrEqualTo(PlaceSearch.MAX_RESULTS)));
        // a checkpoint officer has no area: destinations lie anywhere in the city
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "sjc").with(as("officer1")))
                .andExpect(jsonPath("$[0].code").value("610881103"));
    }

    @Test
    void divisionsByInitialsNameEnglishAndCode() throws Exception {
        mvc.perform(get("/api/v1/ref/places").param("source", "division").param("q", "hbs").with(as("grid1")))
                .andExpect(jsonPath("$[*].code").value(hasItem("42")));
        mvc.perform(get("/api/v1/ref/places").param("source", "division").param("q", "江岸").with(as("grid1")))
                .andExpect(jsonPath("$[0].code").value("420102"))
                .andExpect(jsonPath("$[0].context").value("湖北省 武汉市"));
        mvc.perform(get("/api/v1/ref/places").param("source", "division").param("q", "united states").param("lang", "en").with(as("grid1")))
                .andExpect(jsonPath("$[0].code").value("ISO:US"))
                .andExpect(jsonPath("$[0].name").value("United States"));
        mvc.perform(get("/api/v1/ref/places").param("source", "division").param("q", "6108").with(as("grid1")))
                .andExpect(jsonPath("$[0].code").value("6108"));
        mvc.perform(get("/api/v1/ref/places").param("source", "division").param("q", "mg").with(as("grid1")))
                .andExpect(jsonPath("$[*].code").value(hasItem("ISO:US")));
    }

    @Test
    void thePageFragmentListsOptionsAndSaysWhenNothingIsFound() throws Exception {
        mvc.perform(get("/ref/places").param("source", "area").param("q", "sjc").with(page("admin")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-code=\"610881103\"")))
                .andExpect(content().string(containsString("孙家岔镇")));
        mvc.perform(get("/ref/places").param("source", "area").param("q", "qqqqqq").with(page("admin")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("picker-none")))
                .andExpect(content().string(not(containsString("data-code"))));
    }

    @Test
    void badRequestsAre4xxAndBlankTextFindsNothing() throws Exception {
        mvc.perform(get("/api/v1/ref/places").param("source", "planet").param("q", "x").with(as("admin")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("kinds", "CASTLE").param("q", "x").with(as("admin")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/ref/places").param("source", "division").param("kinds", "TOWN").param("q", "x").with(page("admin")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "  ").with(as("admin")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "x".repeat(500)).with(as("admin")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "sjc"))
                .andExpect(status().isUnauthorized());
        for (String hostile : new String[] {"%", "_", "\\", "'; drop table area; --", "<script>", "６１０８８１"}) {
            mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", hostile).with(as("town1")))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].code", everyItem(startsWith("610881106"))));
        }
        // a control character is refused before the search (TextParameterInterceptor)
        mvc.perform(get("/api/v1/ref/places").param("source", "area").param("q", "a\u0000b").with(as("town1")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theJsonSearchIsInTheApiDocumentation() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/v1/ref/places")))
                .andExpect(content().string(not(containsString("\"/ref/places\""))));
    }
}

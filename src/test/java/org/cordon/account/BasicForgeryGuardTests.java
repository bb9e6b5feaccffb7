package org.cordon.account;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.cordon.IntegrationTestSupport;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * HTTP Basic stays for scripts, but a change signed with it must show that no other web site made a browser send
 * it: a JSON content type, the {@code X-Cordon-Client} (or {@code X-Requested-With}) header, or the browser's own
 * {@code Sec-Fetch-Site: same-origin}; {@code Sec-Fetch-Site: cross-site} is always refused. The probe is a receipt
 * for a dispatch that does not exist: 404 when the request got through, 403 {@code basic-refused} when not.
 */
class BasicForgeryGuardTests extends IntegrationTestSupport {

    static final String PROBE = "/api/v1/dispatches/987654321/receipt";

    private ResultActions expectRefused(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        return mvc.perform(request.header("Accept-Language", "en"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:cordon:problem:basic-refused"));
    }

    private void expectPassed(AbstractMockHttpServletRequestBuilder<?> request) throws Exception {
        mvc.perform(request).andExpect(status().isNotFound());
    }

    @Test
    void formsAndBodylessChangesSignedWithBasicAreRefusedWithWhatToAdd() throws Exception {
        expectRefused(post(PROBE).with(as("officer1")))
                .andExpect(jsonPath("$.title").value("HTTP Basic is not accepted for this request"))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("X-Cordon-Client")))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("application/json")));
        expectRefused(post(PROBE).with(as("officer1")).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b"));
        expectRefused(post(PROBE).with(as("officer1")).contentType(MediaType.TEXT_PLAIN).content("{\"a\": 1}"));
        expectRefused(post(PROBE).with(as("officer1")).contentType("multipart/form-data; boundary=x").content("--x--"));
        expectRefused(post(PROBE).with(as("officer1")).contentType("application/jsonx"));
        expectRefused(post(PROBE).with(as("officer1")).contentType("not a type"));
        expectRefused(delete("/api/v1/notices/987654321").with(as("commander")));
        expectRefused(put("/api/v1/risk-areas/987654321/end").with(as("commander")));
        // in Chinese by default
        mvc.perform(post(PROBE).with(as("officer1"))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.title").value("此请求不接受 HTTP Basic 登录"));
        // refused before the credentials are looked at: a forged request learns nothing about the password
        expectRefused(post(PROBE).with(httpBasic("officer1", "wrong")));
    }

    @Test
    void jsonTheClientHeaderOrTheBrowsersSameOriginLetThemThrough() throws Exception {
        expectPassed(post(PROBE).with(as("officer1")).contentType(MediaType.APPLICATION_JSON).content("{}"));
        expectPassed(post(PROBE).with(as("officer1")).contentType("application/merge-patch+json; charset=utf-8").content("{}"));
        expectPassed(post(PROBE).with(as("officer1")).header("X-Cordon-Client", "script"));
        expectPassed(post(PROBE).with(as("officer1")).header("X-Requested-With", "XMLHttpRequest")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b"));
        expectPassed(post(PROBE).with(as("officer1")).header("Sec-Fetch-Site", "same-origin"));
        expectPassed(delete("/api/v1/notices/987654321").with(as("commander")).header("X-Cordon-Client", "script"));
        // reading is never refused
        mvc.perform(get("/api/v1/me").with(as("officer1"))).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").with(as("officer1")).header("Sec-Fetch-Site", "cross-site")).andExpect(status().isOk());
    }

    @Test
    void aChangeFromAnotherSiteIsRefusedWhateverItCarries() throws Exception {
        expectRefused(post(PROBE).with(as("officer1")).header("Sec-Fetch-Site", "cross-site")
                .contentType(MediaType.APPLICATION_JSON).content("{}").header("X-Cordon-Client", "x"))
                .andExpect(jsonPath("$.title").value("Request from another site refused"));
        // a sibling site (same-site) must show the same proofs as a script
        expectRefused(post(PROBE).with(as("officer1")).header("Sec-Fetch-Site", "same-site"));
        expectPassed(post(PROBE).with(as("officer1")).header("Sec-Fetch-Site", "same-site").contentType(MediaType.APPLICATION_JSON).content("{}"));
    }

    @Test
    void aMultipartUploadWithBasicNeedsTheClientHeader() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "x.csv", "text/csv",
                "姓名,手机号\r\n张三,13800138000\r\n".getBytes(StandardCharsets.UTF_8));
        long before = count("select count(*) from returnee");
        expectRefused(multipart("/api/v1/returnees/roster").file(file).with(as("grid1")));
        // with the header it reaches the import (which refuses this file for its columns)
        mvc.perform(multipart("/api/v1/returnees/roster").file(file).with(as("grid1")).header("X-Cordon-Client", "script"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("roster.file.missingColumns"));
        org.assertj.core.api.Assertions.assertThat(count("select count(*) from returnee")).isEqualTo(before);
    }

    @Test
    void requestsWithoutBasicAreNotConcerned() throws Exception {
        // anonymous: asked to sign in, not refused as forged
        mvc.perform(post(PROBE)).andExpect(status().isUnauthorized());
        mvc.perform(post(PROBE).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("a=b")).andExpect(status().isUnauthorized());
    }
}

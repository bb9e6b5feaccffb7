package org.cordon.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The registration pages: jurisdiction, CSRF, validation next to the fields, idempotent re-submission, audit. */
class CheckpointPagesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    RequestPostProcessor signedIn(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    MockHttpServletRequestBuilder form(String checkpoint, String clientId, String plate, String idNumber, String temperature) {
        return post("/checkpoints/{code}/passages", checkpoint)
                .param("clientId", clientId).param("direction", "ENTERING").param("vehicleType", "CAR")
                .param("plateNumber", plate).param("originProvince", "42").param("originCity", "4201")
                .param("destinationTown", "610881106").param("destinationArea", "610881106201")
                .param("disinfected", "true")
                .param("occupants[0].name", "赵六").param("occupants[0].idType", "RESIDENT_ID")
                .param("occupants[0].idNumber", idNumber).param("occupants[0].phone", randomPhone())
                .param("occupants[0].temperature", temperature);
    }

    @Test
    void anOfficerOfAnotherCheckpointGetsForbiddenPages() throws Exception {
        mvc.perform(get("/checkpoints/KK01/passages").with(signedIn("officer2"))).andExpect(status().isForbidden());
        mvc.perform(get("/checkpoints/KK01/passages/new").with(signedIn("officer2"))).andExpect(status().isForbidden());
        long before = passageRows();
        mvc.perform(form("KK01", UUID.randomUUID().toString(), freshPlate(), randomIdNumber(), "36.5")
                        .with(signedIn("officer2")).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(passageRows()).isEqualTo(before);
        mvc.perform(get("/alerts").with(signedIn("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit").with(signedIn("commander"))).andExpect(status().isForbidden());
    }

    @Test
    void theLookUpOfTheRegistrationPageIsForScreeningRolesOnly() throws Exception {
        for (String user : java.util.List.of("clerk", "coordinator", "wg1", "grid1")) {
            mvc.perform(post("/checkpoints/lookup").param("idNumber", randomIdNumber()).with(signedIn(user)).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/checkpoints/lookup").param("idNumber", randomIdNumber()).with(signedIn("officer2")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("\"known\":false")));
    }

    @Test
    void pagesNeedSignInAndFormsNeedTheCsrfToken() throws Exception {
        mvc.perform(get("/checkpoints")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(form("KK01", UUID.randomUUID().toString(), freshPlate(), randomIdNumber(), "36.5").with(signedIn("officer1")))
                .andExpect(status().isForbidden());
    }

    @Test
    void aRegistrationFromThePageIsStoredOnceAndShowsTheDisposition() throws Exception {
        String clientId = UUID.randomUUID().toString();
        String plate = freshPlate();
        long before = passageRows();
        String location = mvc.perform(form("KK01", clientId, plate, randomIdNumber(), "38.1").with(signedIn("officer1")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        // the officer taps "submit" twice: the same client id, nothing new
        String again = mvc.perform(form("KK01", clientId, plate, randomIdNumber(), "38.1").with(signedIn("officer1")).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(again).isEqualTo(location);
        assertThat(passageRows()).isEqualTo(before + 1);

        mvc.perform(get(location).with(signedIn("officer1")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("disp-FEVER_REFERRAL")))
                .andExpect(content().string(Matchers.containsString("发热转诊")));
        mvc.perform(get("/checkpoints/KK01/passages").param("q", plate).param("lang", "en").with(signedIn("officer1")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(plate)))
                .andExpect(content().string(Matchers.containsString("Fever referral")));
    }

    @Test
    void invalidFieldsAreShownNextToTheFieldsAndNothingIsStored() throws Exception {
        long before = passageRows();
        mvc.perform(form("KK01", UUID.randomUUID().toString(), "陕I12345", "110105194912310021", "45").param("lang", "en")
                        .with(signedIn("officer1")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"form-errors\"")))
                .andExpect(content().string(Matchers.containsString("The ID number is not valid (its check character does not "
                        + "match the other digits); check every digit")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("expected X"))))
                .andExpect(content().string(Matchers.containsString("between 34.0 and 43.0")))
                .andExpect(content().string(Matchers.containsString("陕I12345")));
        assertThat(passageRows()).isEqualTo(before);
    }

    @Test
    void theFullViewPageIsAuditedAndOnlyForPermittedRoles() throws Exception {
        String location = mvc.perform(form("KK01", UUID.randomUUID().toString(), freshPlate(), "11010519491231002X", "36.5")
                        .with(signedIn("officer1")).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        String id = location.replaceAll("\\D*(\\d+).*", "$1");
        long audits = count("select count(*) from audit_entry where record_type = 'passage' and record_id = ?", id);
        mvc.perform(get("/passages/" + id).with(signedIn("officer1")))
                .andExpect(content().string(Matchers.containsString("110105********002X")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("11010519491231002X"))));
        assertThat(count("select count(*) from audit_entry where record_type = 'passage' and record_id = ?", id)).isEqualTo(audits);
        mvc.perform(post("/passages/" + id + "/full").with(signedIn("medic")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("11010519491231002X")));
        assertThat(count("select count(*) from audit_entry where record_type = 'passage' and record_id = ? and username = 'medic'", id))
                .isEqualTo(1);
        mvc.perform(post("/passages/" + id + "/full").with(signedIn("admin")).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/audit").param("username", "medic").with(signedIn("admin")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("查看完整信息")));
    }

    @Test
    void theFormHasTheCameraScannerAndCarriesWhatItReadPerOccupant() throws Exception {
        String page = mvc.perform(get("/checkpoints/KK01/passages/new").with(signedIn("officer1")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("class=\"scan-code big\"")))
                .andExpect(content().string(Matchers.containsString("name=\"occupants[0].healthCode\"")))
                .andExpect(content().string(Matchers.containsString("id=\"qr-scanner\"")))
                .andReturn().getResponse().getContentAsString();
        // linked by content-hashed names (README "Fast on slow links")
        String jsQr = scriptSource(page, "/vendor/jsqr/jsQR-");
        String cordonJs = scriptSource(page, "/js/cordon-");
        assertThat(page).containsPattern("<script src=\"/js/qr-scan-[0-9a-f]{32}\\.js\" defer></script>");
        // the library is served with the application, to anyone, like the platform's own scripts
        mvc.perform(get(jsQr))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"))
                .andExpect(content().string(Matchers.containsString("jsQR")));
        mvc.perform(get("/vendor/jsqr/LICENSE")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Apache License")));
        var own = mvc.perform(get(cordonJs)).andReturn().getResponse();
        var vendor = mvc.perform(get(jsQr)).andReturn().getResponse();
        assertThat(vendor.getHeader("Cache-Control")).as("cached like the platform's own scripts").isEqualTo(own.getHeader("Cache-Control"))
                .isEqualTo("max-age=31536000, public, immutable");
        assertThat(vendor.getHeader("Last-Modified")).isNotNull();

        // what was scanned goes with the form: a text that is not a health code is refused in the occupant's card, with
        // the reason, and nothing is stored (the page's own check, health-code-scan.js, would have taken it out)
        String scanned = "eyJhbGciOiJFZERTQSJ9." + UUID.randomUUID() + ".sig";
        long before = passageRows();
        mvc.perform(form("KK01", UUID.randomUUID().toString(), freshPlate(), randomIdNumber(), "36.5")
                        .param("occupants[0].healthCode", scanned).with(signedIn("officer1")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("data-field=\"occupants[0].healthCode\">不是健康码</p>")))
                .andExpect(content().string(Matchers.containsString("name=\"occupants[0].healthCode\" value=\"" + scanned + "\"")));
        assertThat(passageRows()).isEqualTo(before);
    }

    @Test
    void theFormVerifiesScannedCodesWithThePlatformsIssuerKeysAndRevocations() throws Exception {
        String page = mvc.perform(get("/checkpoints/KK01/passages/new").param("lang", "en").with(signedIn("officer1")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).containsPattern("<script src=\"/js/health-code-scan-[0-9a-f]{32}\\.js\" defer></script>")
                .contains("data-issuer=\"CN-610881\"").contains("data-keys=\"/.well-known/jwks.json\"")
                .contains("data-revocations=\"/api/v1/health-codes/revocations\"")
                .contains("data-verify=\"/checkpoints/health-code/verify\"")
                // the texts of the check, in the page's language
                .contains("data-key=\"problem.REVOKED\">The code was revoked (its colour changed); the holder must refresh it</span>")
                .contains("data-key=\"offline\">Verified offline</span>")
                .contains("<option value=\"PEDESTRIAN\" data-needs-plate=\"false\">");
        // the page's online check takes the session and its CSRF token, and answers like the API
        mvc.perform(post("/checkpoints/health-code/verify").param("token", "not a code").with(signedIn("officer1")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.valid").value(false))
                .andExpect(jsonPath("$.problem").value("MALFORMED"))
                .andExpect(jsonPath("$.message").value("不是健康码"));
        mvc.perform(post("/checkpoints/health-code/verify").param("token", "not a code").with(signedIn("officer1")))
                .andExpect(status().isForbidden());
    }

    /** The address of the page's script whose address starts with {@code prefix} (a content-hashed name). */
    private static String scriptSource(String page, String prefix) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<script src=\"(" + java.util.regex.Pattern.quote(prefix)
                + "[0-9a-f]{32}\\.js)\" defer></script>").matcher(page);
        assertThat(m.find()).as("a script %s<hash>.js in the page", prefix).isTrue();
        return m.group(1);
    }
}

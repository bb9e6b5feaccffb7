package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.cordon.account.AccountManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Bounded requests and clean text (issue 12), as a user of the API and of the pages sees them: bodies over
 * {@code cordon.http.max-body-size} are a 413 in the caller's language (uploads are not), control characters in
 * any text are a 400 naming the field, names with invisible or direction characters are refused by every form
 * and endpoint that takes one, and nothing is stored by a refused request.
 */
class InputHygieneIntegrationTests extends IntegrationTestSupport {

    static final String VILLAGE = "610881106201";
    static final String BIDI = "\u202E三张";
    static final String ZERO_WIDTH = "张\u200B三";

    @Autowired
    AccountManagement accounts;

    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    MvcResult postJson(String path, String account, String body, String language) throws Exception {
        return mvc.perform(post(path).with(as(account)).header("Accept-Language", language).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn();
    }

    // ------------------------------------------------------------------ size

    @Test
    void aJsonBodyOverTheLimitIs413InTheCallersLanguageAndStoresNothing() throws Exception {
        long before = count("select count(*) from leadership_member");
        String big = "{\"name\":" + json("x".repeat(300 * 1024)) + ",\"title\":\"组员\"}";
        MvcResult en = postJson("/api/v1/leadership", "commander", big, "en");
        assertThat(en.getResponse().getStatus()).isEqualTo(413);
        assertThat(en.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(JsonPath.<String>read(body(en), "$.type")).isEqualTo("urn:cordon:problem:body-too-large");
        assertThat(JsonPath.<String>read(body(en), "$.title")).isEqualTo("The request is too large");
        assertThat(JsonPath.<String>read(body(en), "$.detail")).contains("256 KB");
        MvcResult zh = postJson("/api/v1/leadership", "commander", big, "zh-CN");
        assertThat(JsonPath.<String>read(body(zh), "$.title")).isEqualTo("请求内容过大");
        assertThat(count("select count(*) from leadership_member")).isEqualTo(before);

        // just under the limit the body is read, and the name is too long for its field
        String under = "{\"name\":" + json("x".repeat(250 * 1024)) + ",\"title\":\"组员\"}";
        MvcResult read = postJson("/api/v1/leadership", "commander", under, "en");
        assertThat(read.getResponse().getStatus()).isEqualTo(400);
        assertThat(JsonPath.<List<String>>read(body(read), "$.errors[*].field")).contains("name");
    }

    @Test
    void aPageFormOverTheLimitIsA413PageAndAnUploadOverItIsRead() throws Exception {
        MvcResult page = mvc.perform(post("/command/leadership").with(user(accounts.loadUserByUsername("commander"))).with(csrf())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("name=" + "x".repeat(300 * 1024) + "&title=a")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(413);
        assertThat(page.getResponse().getContentType()).startsWith(MediaType.TEXT_HTML_VALUE);
        assertThat(body(page)).contains("请求内容过大");

        // a 300 KB area list goes to the import (its own limits), checked only (dryRun)
        StringBuilder csv = new StringBuilder("code,name,parentCode,kind,households,residents\r\n");
        while (csv.length() < 300 * 1024) {
            csv.append(VILLAGE).append("9").append(String.format("%02d", csv.length() % 100)).append(",测试小区,").append(VILLAGE)
                    .append(",COMPOUND,,\r\n");
        }
        MvcResult upload = mvc.perform(multipart("/api/v1/areas/import").file(new MockMultipartFile("file", "areas.csv", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8))).queryParam("dryRun", "true").with(as("admin"))
                .header("X-Cordon-Client", "test")).andReturn();
        assertThat(upload.getResponse().getStatus()).isNotEqualTo(413).isLessThan(500);
    }

    // ------------------------------------------------------------------ control characters

    @Test
    void aControlCharacterInAnyJsonTextIsA400NamingTheFieldAndStoresNothing() throws Exception {
        long passages = passageRows();
        String body = """
                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR", "originAreaCode": "420102",
                 "destinationAreaCode": "%s", "disinfected": true,
                 "occupants": [{"name": "李四", "idNumber": "%s", "temperature": 36.5},
                               {"name": "王\\u0000五", "idNumber": "%s", "temperature": 36.5, "symptoms": ["COUGH\\u001b[2J"]}]}"""
                .formatted(UUID.randomUUID(), freshPlate(), VILLAGE, randomIdNumber(), randomIdNumber());
        MvcResult en = postJson("/api/v1/checkpoints/KK01/passages", "officer1", body, "en");
        assertThat(en.getResponse().getStatus()).isEqualTo(400);
        assertThat(JsonPath.<String>read(body(en), "$.errors[0].field")).isEqualTo("occupants[1].name");
        assertThat(JsonPath.<String>read(body(en), "$.errors[0].code")).isEqualTo("validation.text.control");
        assertThat(JsonPath.<String>read(body(en), "$.errors[0].message"))
                .isEqualTo("Contains an invisible control character (character 2, U+0000); remove it and send again");
        MvcResult zh = postJson("/api/v1/checkpoints/KK01/passages", "officer1", body, "zh-CN");
        assertThat(JsonPath.<String>read(body(zh), "$.errors[0].message")).isEqualTo("含有不可见的控制字符（第 2 个字符，U+0000），请删除后重新提交");

        MvcResult symptom = postJson("/api/v1/checkpoints/KK01/passages", "officer1", body.replace("王\\u0000五", "王五"), "en");
        assertThat(JsonPath.<String>read(body(symptom), "$.errors[0].field")).isEqualTo("occupants[1].symptoms[0]");
        assertThat(passageRows()).isEqualTo(passages);
    }

    @Test
    void aControlCharacterInAQueryOrPathParameterIsA400NamingIt() throws Exception {
        mvc.perform(get("/api/v1/people").queryParam("q", "张\u0007三").with(as("grid1")).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("q"))
                .andExpect(jsonPath("$.errors[0].code").value("validation.text.control"));
        mvc.perform(get("/api/v1/areas").queryParam("parent", "610881\u0000").with(as("grid1")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("parent"));
        // an encoded NUL in a path is refused by Spring Security's firewall: a problem too
        mvc.perform(get("/api/v1/areas/{code}", "610881\u0000").with(as("admin")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:cordon:problem:rejected-url"));
        mvc.perform(put("/api/v1/areas/{code}", "6108811\u00012").with(as("admin")).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("code"));
    }

    @Test
    void aControlCharacterInAPageFormIsA400PageListingTheFieldAndStoresNothing() throws Exception {
        long before = count("select count(*) from leadership_member");
        MvcResult page = mvc.perform(post("/command/leadership").with(user(accounts.loadUserByUsername("commander"))).with(csrf())
                .param("name", "张\u0000三").param("title", "组员")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(page)).contains("以下字段未能提交", "data-field=\"name\"", "含有不可见的控制字符（第 2 个字符，U+0000）");
        assertThat(count("select count(*) from leadership_member")).isEqualTo(before);
    }

    @Test
    /** (A NUL byte makes the whole file unreadable: the reader takes it for a binary file; -999999999-01-01 is no date to it.) */
    void rosterRowsWithControlCharactersOrImplausibleDatesAreRejectedRowsNotAFailedImport() throws Exception {
        String header = "姓名,证件号码,手机号,来源地代码,离开风险地区日期,抵达日期,目的地代码,详细地址";
        String ok = "李四," + randomIdNumber() + "," + randomPhone() + ",420102,," + today() + "," + VILLAGE + ",一组";
        String[] bad = {
                "王五," + randomIdNumber() + ",,4201\u000102,," + today() + "," + VILLAGE + ",",
                "赵六," + randomIdNumber() + ",,420102,," + today() + "," + VILLAGE + "\u0007,",
                "钱七," + randomIdNumber() + ",,420102,," + today() + "," + VILLAGE + ",一组\u001b[2J",
                "\u202E孙八," + randomIdNumber() + ",,420102,," + today() + "," + VILLAGE + ",",
                "周九," + randomIdNumber() + ",,420102,1850-01-01," + today() + "," + VILLAGE + ","};
        String csv = header + "\r\n" + ok + "\r\n" + String.join("\r\n", bad) + "\r\n";
        long returnees = count("select count(*) from returnee");
        MvcResult result = mvc.perform(multipart("/api/v1/returnees/roster").file(new MockMultipartFile("file", "roster.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))).with(as("grid1")).header("X-Cordon-Client", "test").header("Accept-Language", "en"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(200);
        assertThat(readLong(result, "$.saved")).isEqualTo(1);
        assertThat(readLong(result, "$.rejected")).isEqualTo(bad.length);
        assertThat(JsonPath.<List<String>>read(body(result), "$.errors[*].code")).contains("validation.text.control",
                "validation.name.invisible", "validation.date.range");
        assertThat(count("select count(*) from returnee")).isEqualTo(returnees + 1);
    }

    // ------------------------------------------------------------------ names

    /** Every endpoint that takes a name of a person, branch, place, group or organisation: its path, caller, body and field. */
    List<Object[]> nameEndpoints() throws Exception {
        String group = JsonPath.read(body(mvc.perform(get("/api/v1/working-groups").with(as("admin"))).andReturn()), "$[0].code");
        List<Object[]> endpoints = new ArrayList<>();
        endpoints.add(new Object[] {"POST", "/api/v1/checkpoints/KK01/passages", "officer1", """
                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR", "originAreaCode": "420102",
                 "destinationAreaCode": "%s", "occupants": [{"name": NAME, "idNumber": "%s", "temperature": 36.5}]}"""
                .formatted(UUID.randomUUID(), freshPlate(), VILLAGE, randomIdNumber()), "occupants[0].name"});
        endpoints.add(new Object[] {"POST", "/api/v1/returnees", "grid1", """
                {"name": NAME, "idNumber": "%s", "phone": "%s", "originCode": "420102", "arrivedOn": "%s", "destinationCode": "%s"}"""
                .formatted(randomIdNumber(), randomPhone(), today(), VILLAGE), "name"});
        endpoints.add(new Object[] {"POST", "/api/v1/close-contacts", "medic", """
                {"casePersonId": 1, "name": NAME, "idNumber": "%s", "exposureDate": "%s"}""".formatted(randomIdNumber(), today()), "name"});
        endpoints.add(new Object[] {"POST", "/api/v1/leadership", "commander", "{\"name\": NAME, \"title\": \"组员\"}", "name"});
        endpoints.add(new Object[] {"PUT", "/api/v1/working-groups/" + group, "commander", "{\"name\": NAME, \"duties\": \"x\"}", "name"});
        endpoints.add(new Object[] {"POST", "/api/v1/branches", "coordinator",
                "{\"name\": NAME, \"kind\": \"VILLAGE\", \"areaCode\": \"" + VILLAGE + "\"}", "name"});
        endpoints.add(new Object[] {"POST", "/api/v1/branches", "coordinator",
                "{\"name\": \"中鸡一村党支部\", \"parentOrg\": NAME, \"kind\": \"VILLAGE\", \"areaCode\": \"" + VILLAGE + "\"}", "parentOrg"});
        endpoints.add(new Object[] {"POST", "/api/v1/members", "coordinator", "{\"name\": NAME, \"phone\": \"" + randomPhone() + "\"}", "name"});
        endpoints.add(new Object[] {"POST", "/api/v1/volunteers", "coordinator",
                "{\"name\": NAME, \"phone\": \"" + randomPhone() + "\", \"areaCode\": \"" + VILLAGE + "\"}", "name"});
        endpoints.add(new Object[] {"POST", "/api/v1/campaigns", "clerk",
                "{\"name\": NAME, \"organiser\": \"团市委\", \"target\": 1000, \"startsOn\": \"" + today() + "\"}", "name"});
        endpoints.add(new Object[] {"POST", "/api/v1/campaigns", "clerk",
                "{\"name\": \"募捐\", \"organiser\": NAME, \"target\": 1000, \"startsOn\": \"" + today() + "\"}", "organiser"});
        endpoints.add(new Object[] {"POST", "/api/v1/donations", "clerk", """
                {"kind": "MONEY", "donorType": "PERSON", "donorName": NAME, "amount": 100, "channel": "BANK", "receivedOn": "%s"}"""
                .formatted(today()), "donorName"});
        endpoints.add(new Object[] {"POST", "/api/v1/donations", "clerk", """
                {"kind": "MONEY", "donorType": "PERSON", "donorName": "李四", "recipient": NAME, "amount": 100, "channel": "BANK",
                 "receivedOn": "%s"}""".formatted(today()), "recipient"});
        endpoints.add(new Object[] {"POST", "/api/v1/supply-requests", "grid1", """
                {"postType": "COMPOUND", "postRef": "%s", "postName": NAME, "lines": [{"itemId": 1, "quantity": 1}]}""".formatted(VILLAGE),
                "postName"});
        endpoints.add(new Object[] {"POST", "/api/v1/areas", "admin",
                "{\"code\": \"" + VILLAGE + "987\", \"name\": NAME, \"parentCode\": \"" + VILLAGE + "\", \"kind\": \"GROUP\"}", "name"});
        return endpoints;
    }

    @Test
    void everyApiThatTakesANameRefusesInvisibleAndDirectionCharactersInIt() throws Exception {
        for (Object[] e : nameEndpoints()) {
            for (String bad : List.of(BIDI, ZERO_WIDTH)) {
                String body = ((String) e[3]).replace("NAME", json(bad));
                MockHttpServletRequestBuilder b = (e[0].equals("PUT") ? put((String) e[1]) : post((String) e[1]))
                        .with(as((String) e[2])).header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON).content(body);
                MvcResult result = mvc.perform(b).andReturn();
                String where = e[0] + " " + e[1] + " " + e[4] + "=" + json(bad) + " -> " + result.getResponse().getStatus() + " " + body(result);
                assertThat(result.getResponse().getStatus()).as(where).isEqualTo(400);
                List<Map<String, Object>> errors = JsonPath.read(body(result), "$.errors");
                assertThat(errors).as(where).anySatisfy(error -> {
                    assertThat(error.get("field")).isEqualTo(e[4]);
                    assertThat(error.get("code")).isEqualTo("validation.name.invisible");
                    assertThat((String) error.get("message")).contains(bad.equals(BIDI) ? "character 1, U+202E" : "character 2, U+200B");
                });
            }
        }
    }

    @Test
    void theFormsThatTakeANameShowTheRefusalNextToTheField() throws Exception {
        // the public self-report and volunteer sign-up, and a staff form
        for (String path : List.of("/portal/self-report", "/portal/volunteer")) {
            MvcResult result = mvc.perform(post(path).with(csrf()).with(r -> {
                r.setRemoteAddr("10.66.0." + (path.length() % 250));
                return r;
            }).param("name", BIDI).param("phone", randomPhone())).andReturn();
            assertThat(result.getResponse().getStatus()).as(path).isLessThan(500);
            assertThat(body(result)).as(path).contains("id=\"name-error\"", "名称中不能含有不可见字符、文字方向控制符或换行（第 1 个字符，U+202E");
        }
        long before = count("select count(*) from leadership_member");
        MvcResult staff = mvc.perform(post("/command/leadership").with(user(accounts.loadUserByUsername("commander"))).with(csrf())
                .param("name", ZERO_WIDTH).param("title", "组员")).andReturn();
        assertThat(count("select count(*) from leadership_member")).isEqualTo(before);
        assertThat(staff.getResponse().getStatus()).isLessThan(500);
    }

    // ------------------------------------------------------------------ types, numbers and dates

    @Test
    void aValueOfTheWrongTypeNamesTheFieldAndWhatWasExpected() throws Exception {
        MvcResult result = postJson("/api/v1/leadership", "commander", "{\"name\": {\"a\": 1}, \"title\": \"组员\"}", "en");
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(JsonPath.<String>read(body(result), "$.errors[0].field")).isEqualTo("name");
        assertThat(JsonPath.<String>read(body(result), "$.errors[0].message")).isEqualTo("Wrong type: expected text");
        MvcResult zh = postJson("/api/v1/stock/purchases", "clerk", "{\"warehouseId\": \"abc\", \"itemId\": 1, \"quantity\": 1}", "zh-CN");
        assertThat(JsonPath.<String>read(body(zh), "$.errors[0].field")).isEqualTo("warehouseId");
        assertThat(JsonPath.<String>read(body(zh), "$.errors[0].message")).isEqualTo("类型不正确：应为整数");
    }

    @Test
    void numbersAndDatesBeyondAnyPlausibleValueAreRefusedByField() throws Exception {
        MvcResult huge = postJson("/api/v1/stock/purchases", "clerk", "{\"warehouseId\": 1, \"itemId\": 1, \"quantity\": 1e999999999}", "en");
        assertThat(huge.getResponse().getStatus()).isEqualTo(400);
        assertThat(JsonPath.<String>read(body(huge), "$.errors[0].field")).isEqualTo("quantity");
        assertThat(JsonPath.<String>read(body(huge), "$.errors[0].code")).isEqualTo("validation.number.range");
        MvcResult overflow = postJson("/api/v1/stock/purchases", "clerk", "{\"warehouseId\": 9223372036854775808, \"itemId\": 1}", "en");
        assertThat(JsonPath.<String>read(body(overflow), "$.errors[0].field")).isEqualTo("warehouseId");
        MvcResult date = postJson("/api/v1/campaigns", "clerk", "{\"name\": \"募捐\", \"organiser\": \"x\", \"target\": 1, "
                + "\"startsOn\": \"+999999999-12-31\"}", "en");
        assertThat(JsonPath.<String>read(body(date), "$.errors[0].field")).isEqualTo("startsOn");
        assertThat(JsonPath.<String>read(body(date), "$.errors[0].message")).isEqualTo("The date must lie between the years 1 and 9999");
        mvc.perform(get("/api/v1/dashboard/funnel").queryParam("date", "-999999999-01-01").with(as("commander")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("date"));
    }
}

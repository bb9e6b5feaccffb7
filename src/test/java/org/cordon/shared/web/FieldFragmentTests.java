package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Every field's error message comes from {@code fragments/field} and is linked to its control: the
 * paragraph {@code <p class="field-error" id="FIELD-error">}, and on the control {@code aria-invalid="true"}
 * and {@code aria-describedby} naming it. Checked in the templates' source and on pages rendered with errors.
 */
class FieldFragmentTests extends IntegrationTestSupport {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final String FRAGMENT = "fragments/field.html";
    /** Errors of the whole form, not of one control: the message shows without a control to link. */
    private static final Set<String> FORM_LEVEL = Set.of("clientId", "occupants", "parentCode", "status", "casePersonId", "tracing");
    private static final Pattern ERROR_CALL = Pattern.compile("fragments/field :: (?:error|alert)\\((.*?)\\)}\"");
    private static final Pattern CONTROL = Pattern.compile("cordon:error=\"([^\"]*)\"");
    private static final Pattern FIELD_NAME = Pattern.compile("^'?([A-Za-z]+)'?$|\\? '([^']+)' : null}$");

    @Autowired
    AccountManagement accounts;

    static final Pattern ORIGIN_PICKER = Pattern.compile("fragments/origin :: picker\\([^,]*,\\s*'([^']+)'\\)");
    /** The place picker (fragments/picker): its last argument is the field whose error marks its search box. */
    static final Pattern PLACE_PICKER = Pattern.compile("fragments/picker :: picker\\((?:[^,]*,){5}\\s*(.*?)\\)}\"", Pattern.DOTALL);

    @Test
    void noTemplateWritesAnErrorMessageOrItsLinksByHand() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path template : templates()) {
            String name = TEMPLATES.relativize(template).toString().replace('\\', '/');
            String html = Files.readString(template, StandardCharsets.UTF_8);
            if (name.equals(FRAGMENT)) {
                continue;
            }
            if (html.contains("field-error")) {
                wrong.add(name + ": a field-error not made by " + FRAGMENT);
            }
            if (html.contains("aria-invalid") || Pattern.compile("th:classappend=\"[^\"]*errors\\[").matcher(html).find()) {
                wrong.add(name + ": marks a control invalid by hand instead of cordon:error");
            }
            Set<String> controls = new HashSet<>();
            Matcher c = CONTROL.matcher(html);
            while (c.find()) {
                controls.add(fieldName(unquoted(c.group(1))));
            }
            // the origin picker fragment marks its first control with the field it is given
            Matcher picker = ORIGIN_PICKER.matcher(html);
            while (picker.find()) {
                controls.add(fieldName(picker.group(1)));
            }
            Matcher place = PLACE_PICKER.matcher(html);
            while (place.find()) {
                controls.add(fieldName(unquoted(place.group(1).strip())));
            }
            Matcher e = ERROR_CALL.matcher(html);
            while (e.find()) {
                String field = unquoted(e.group(1));
                if (!controls.contains(fieldName(field)) && !FORM_LEVEL.contains(fieldName(field))) {
                    wrong.add(name + ": the message of " + field + " has no control with cordon:error=\"" + e.group(1) + "\"");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void pagesWithErrorsLinkEveryMessageToItsControl() throws Exception {
        var admin = user(accounts.loadUserByUsername("admin"));
        var commander = user(accounts.loadUserByUsername("commander"));
        var coordinator = user(accounts.loadUserByUsername("coordinator"));
        var clerk = user(accounts.loadUserByUsername("clerk"));
        var officer = user(accounts.loadUserByUsername("officer1"));
        var grid = user(accounts.loadUserByUsername("grid1"));
        var medic = user(accounts.loadUserByUsername("medic"));

        // forms answered in place
        checked(post("/notices").with(commander).param("title", "").param("effectiveFrom", "2020-02-01T08:00")
                .param("effectiveTo", "2020-01-01T08:00"));
        checked(post("/notices/places/venues").with(commander).param("name", ""));
        checked(post("/notices/advice").with(commander).param("title", "").param("body", ""));
        checked(post("/notices/hotlines").with(commander).param("name", "").param("phone", "x"));
        checked(post("/checkpoints/KK01/passages").with(officer).param("direction", "IN").param("plateNumber", "X1")
                .param("occupants[0].idNumber", "123").param("occupants[0].temperature", "99"));
        checked(post("/returnees").with(grid).param("name", "").param("idNumber", "123").param("arrivedOn", "2999-01-01"));
        checked(post("/areas/{code}/children", "610881106201").with(admin).param("childCode", "1").param("name", "")
                .param("households", "x"));
        checked(post("/areas/{code}", "610881106201").with(admin).param("name", "").param("households", "-1"));
        checked(post("/supplies/campaigns").with(clerk).param("name", "").param("target", "x").param("startsOn", "x"));
        checked(post("/supplies/stock/purchase").with(clerk).param("quantity", "x").param("reason", "长".repeat(501)));
        checked(post("/supplies/donations").with(clerk).param("kind", "GOODS").param("donorName", "")
                .param("itemId", "x").param("quantity", "-1"));
        checked(post("/supplies/requests").with(officer).param("postType", "CHECKPOINT").param("postRef", "")
                .param("itemId", "").param("quantity", "x"));
        checked(post("/portal/self-report").with(request -> {
            request.setRemoteAddr("10.77.0.1");
            return request;
        }).param("name", "").param("idNumber", "123").param("phone", "1").param("arrivedOn", "2999-01-01"));
        checked(post("/portal/volunteer").with(request -> {
            request.setRemoteAddr("10.77.0.2");
            return request;
        }).param("name", "").param("phone", "1").param("note", "长".repeat(501)));

        // forms that redirect to the page showing the messages
        redirected(admin, post("/admin/accounts").param("username", "").param("password", "").param("displayName", ""),
                "/admin/accounts");
        redirected(commander, post("/command/directives").param("title", "").param("deadline", "x"), "/command");
        redirected(commander, post("/command/leadership").param("name", ""), "/command/groups");
        redirected(commander, post("/rules/risk-areas").param("codePrefix", "x"), "/rules");
        redirected(coordinator, post("/mobilization/members").param("name", "").param("phone", "1"), "/mobilization/members");
        redirected(coordinator, post("/mobilization/volunteers").param("name", "").param("phone", "123"),
                "/mobilization/volunteers");
        redirected(coordinator, post("/mobilization/tasks").param("title", "").param("taskDate", "x"), "/mobilization/tasks");
        redirected(coordinator, post("/mobilization/branches").param("name", "").param("areaCode", "x"),
                "/mobilization/branches");
        redirected(coordinator, post("/mobilization/duty/generate").param("from", "x"), "/mobilization/duty");
        // the close-contact form answers in place, with the values entered
        checked(post("/observation/contacts").with(medic).param("casePersonId", "0").param("name", "")
                .param("idNumber", "123").param("exposureDate", "2999-01-01"));
    }

    /** Renders a page with errors and checks its messages and controls. */
    private void checked(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request.with(csrf())).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI()).isEqualTo(200);
        check(result.getRequest().getRequestURI(), body(result));
    }

    private void redirected(RequestPostProcessor who, MockHttpServletRequestBuilder request, String page) throws Exception {
        MvcResult posted = mvc.perform(request.with(who).with(csrf())).andReturn();
        assertThat(posted.getResponse().getStatus()).as(page).isEqualTo(302);
        assertThat(posted.getFlashMap().containsKey(Forms.ERRORS)).as(page + " flashes the messages").isTrue();
        MvcResult shown = mvc.perform(get(page).flashAttrs(posted.getFlashMap()).with(who)).andReturn();
        assertThat(shown.getResponse().getStatus()).as(page).isEqualTo(200);
        check(page, body(shown));
    }

    private static void check(String page, String html) {
        Document doc = Jsoup.parse(html);
        List<Element> messages = doc.select(".field-error");
        assertThat(messages).as(page + " shows messages next to the fields").isNotEmpty();
        List<String> wrong = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Element e : doc.select("[id]")) {
            if (!ids.add(e.id())) {
                wrong.add("id " + e.id() + " twice");
            }
        }
        for (Element message : messages) {
            String field = message.attr("data-field");
            if (!message.id().equals(FormDialect.errorId(field))) {
                wrong.add("message of " + field + " has id " + message.id());
            }
            boolean linked = !doc.select("[aria-describedby~=(^|\\s)" + Pattern.quote(message.id()) + "(\\s|$)][aria-invalid=true]")
                    .isEmpty();
            boolean control = doc.select("input[name],select[name],textarea[name]").stream()
                    .anyMatch(c -> c.attr("name").equals(field) && !c.attr("type").equals("hidden"));
            if (!linked && control) {
                wrong.add("the control of " + field + " is not linked to its message " + message.id());
            }
        }
        for (Element invalid : doc.select("[aria-invalid=true], input.invalid, select.invalid, textarea.invalid, fieldset.invalid")) {
            String describedBy = invalid.attr("aria-describedby");
            if (!invalid.attr("aria-invalid").equals("true") || describedBy.isBlank()) {
                wrong.add("invalid control without aria-invalid and aria-describedby: " + invalid.outerHtml().lines().findFirst().orElse(""));
            }
            Arrays.stream(describedBy.split("\\s+")).filter(id -> !id.isBlank() && doc.getElementById(id) == null)
                    .forEach(id -> wrong.add("aria-describedby names the missing " + id));
        }
        assertThat(wrong).as(page).isEmpty();
    }

    private static String unquoted(String expression) {
        String e = expression.strip();
        return e.length() > 1 && e.startsWith("'") && e.endsWith("'") ? e.substring(1, e.length() - 1) : e;
    }

    private static String fieldName(String expression) {
        Matcher m = FIELD_NAME.matcher(expression);
        return !m.find() ? expression : m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }
}

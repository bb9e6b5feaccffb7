package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The navigation reads the permission table: every link a role is shown opens (no 403), and the pages
 * gated by a permission are not linked for roles that would be refused.
 */
class NavigationPermissionTests extends IntegrationTestSupport {

    static final List<String> DEMO = List.of("admin", "commander", "wg1", "officer1", "grid1", "town1", "medic", "clerk", "coordinator");
    /** Pages every signed-in user may open (they narrow what is shown): linked or not by the table, never refused. */
    static final Set<String> OPEN_TO_STAFF = Set.of("/rules", "/areas", "/command");
    static final List<String> NAV = List.of("/dashboard", "/checkpoints", "/observation", "/returnees", "/referrals", "/areas",
            "/command", "/notices", "/mobilization", "/supplies", "/rules", "/admin/accounts", "/admin/audit",
            "/admin/tokens");
    static final Pattern NAV_BLOCK = Pattern.compile("<nav class=\"nav\">(.*?)</nav>", Pattern.DOTALL);
    static final Pattern HREF = Pattern.compile("href=\"([^\"?]+)\"");

    @org.springframework.beans.factory.annotation.Autowired
    AccountManagement accounts;

    org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(String username) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(accounts.loadUserByUsername(username));
    }

    @Test
    void everyLinkShownOpensAndEveryPageNotShownIsRefused() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String user : DEMO) {
            String home = mvc.perform(get("/rules").with(signedIn(user))).andReturn().getResponse().getContentAsString();
            Matcher nav = NAV_BLOCK.matcher(home);
            assertThat(nav.find()).as("navigation of %s", user).isTrue();
            Set<String> links = new LinkedHashSet<>();
            Matcher href = HREF.matcher(nav.group(1));
            while (href.find()) {
                links.add(href.group(1));
            }
            assertThat(links).as("links of %s", user).isNotEmpty();
            for (String page : NAV) {
                int status = mvc.perform(get(page).with(signedIn(user))).andReturn().getResponse().getStatus();
                boolean opens = status == 200 || status == 302;
                if (links.contains(page) && !opens) {
                    problems.add(user + " is shown " + page + " but gets " + status);
                }
                if (!links.contains(page) && !OPEN_TO_STAFF.contains(page) && status != 403) {
                    problems.add(user + " is not shown " + page + " but gets " + status + " (not 403)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}

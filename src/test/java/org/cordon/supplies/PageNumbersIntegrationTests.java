package org.cordon.supplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Issue 16: page forms take numbers with the thousands separators of the page's language ("3,500", "3 500",
 * "1,234.5"), once for all (shared TypedNumber): the clerk's donation and purchase quantities and an area's
 * households; a text that is no number gets a message at its field and changes nothing; the JSON API stays strict.
 */
class PageNumbersIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    StockManagement stock;

    @Test
    void theClerksDonationAndPurchaseTakeThousandsSeparators() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long masks = SuppliesFixtures.itemId(stock, clerk, "MASK");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        String donor = SuppliesFixtures.fresh("药店");
        mvc.perform(post("/supplies/donations").with(user(clerk)).with(csrf())
                        .param("kind", "GOODS").param("donorType", "ORGANISATION").param("donorName", donor).param("channel", "MAIL")
                        .param("warehouseId", "" + wh01).param("itemId", "" + masks).param("quantity", "3,500"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select l.quantity from donation_line l join donation d on d.id = l.donation_id where d.donor_name = ?")
                .param(donor).query(BigDecimal.class).single()).isEqualByComparingTo("3500");

        String reason = SuppliesFixtures.fresh("采购");
        mvc.perform(post("/supplies/stock/purchase").with(user(clerk)).with(csrf()).param("lang", "en")
                        .param("warehouseId", "" + wh01).param("itemId", "" + masks).param("quantity", "1 234.5").param("reason", reason))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select quantity from stock_movement where reason = ?").param(reason).query(BigDecimal.class).single())
                .isEqualByComparingTo("1234.5");
    }

    @Test
    void aTextThatIsNoNumberGetsItsMessageAndNothingIsStored() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long masks = SuppliesFixtures.itemId(stock, clerk, "MASK");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        long before = jdbc.sql("select count(*) from stock_movement").query(Long.class).single();
        String page = mvc.perform(post("/supplies/stock/purchase").with(user(clerk)).with(csrf())
                        .param("warehouseId", "" + wh01).param("itemId", "" + masks).param("quantity", "3,50"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"quantity-error\"").contains("“3,50”不是数字");
        // the first field to correct is focused when the page loads (FormDialect), and only it
        java.util.regex.Matcher focused = java.util.regex.Pattern.compile("<[^>]*autofocus=\"autofocus\"[^>]*>").matcher(page);
        assertThat(focused.find()).isTrue();
        assertThat(focused.group()).contains("quantity-error").contains("aria-invalid=\"true\"");
        assertThat(focused.find()).isFalse();
        String english = mvc.perform(post("/supplies/donations").with(user(clerk)).with(csrf()).param("lang", "en")
                        .param("kind", "GOODS").param("donorType", "ANONYMOUS").param("channel", "MAIL")
                        .param("warehouseId", "" + wh01).param("itemId", "" + masks).param("quantity", "lots"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(english).contains("&quot;lots&quot; is not a number");
        assertThat(jdbc.sql("select count(*) from stock_movement").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anAreasHouseholdsTakeThousandsSeparators() throws Exception {
        var admin = user(accounts.loadUserByUsername("admin"));
        String code = "610881103" + String.format("%03d", 700 + (int) (Math.random() * 299));
        jdbc.sql("delete from area where code = ?").param(code).update();
        // the new node's code is offered: the next after the highest child's
        String highest = jdbc.sql("select max(code) from area where parent_code = '610881103'").query(String.class).single();
        String next = "610881103" + String.format("%03d", Integer.parseInt(highest.substring(9)) + 1);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/areas/610881103/new").with(admin))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("value=\"" + next + "\"")));
        mvc.perform(post("/areas/610881103/children").with(admin).with(csrf()).param("childCode", code).param("name", "数字测试村")
                        .param("kind", "VILLAGE").param("households", "3,500").param("residents", "12 345"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select households from area where code = ?").param(code).query(Integer.class).single()).isEqualTo(3500);
        assertThat(jdbc.sql("select residents from area where code = ?").param(code).query(Integer.class).single()).isEqualTo(12345);
        mvc.perform(post("/areas/" + code).with(admin).with(csrf()).param("name", "数字测试村").param("households", "3,50")
                        .param("residents", ""))
                .andExpect(status().isOk());
        assertThat(jdbc.sql("select households from area where code = ?").param(code).query(Integer.class).single()).isEqualTo(3500);
    }

    @Test
    void theJsonApiStaysStrict() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long masks = SuppliesFixtures.itemId(stock, clerk, "MASK");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        mvc.perform(post("/api/v1/stock/purchases").with(as("clerk")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"warehouseId\":%d,\"itemId\":%d,\"quantity\":\"3,500\"}".formatted(wh01, masks)))
                .andExpect(status().isBadRequest());
    }
}

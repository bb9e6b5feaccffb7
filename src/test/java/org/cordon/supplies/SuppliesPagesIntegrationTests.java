package org.cordon.supplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;

import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The staff pages of supplies and the public ledger page: they render, enforce roles, validate next to the fields and store nothing on error. */
class SuppliesPagesIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    StockManagement stock;

    @Autowired
    DonationManagement donations;

    @Autowired
    SupplyRequestManagement supplyRequests;

    RequestPostProcessor signedIn(CordonUser user) {
        return user(user);
    }

    RequestPostProcessor signedIn(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    @Test
    void everyPageRendersForTheRolesThatUseIt() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long masks = SuppliesFixtures.itemId(stock, clerk, "MASK");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        donations.recordDonation(clerk, SuppliesFixtures.goods(SuppliesFixtures.fresh("页面"), wh01, masks, "50"));
        long requestId = supplyRequests.request(accounts.loadUserByUsername("officer1"), new SupplyRequestInput(PostType.CHECKPOINT, "KK01", null,
                null, List.of(new QuantityLine(masks, BigDecimal.TEN)))).id();
        for (String page : new String[] {"/supplies", "/supplies/donations", "/supplies/donations/new", "/supplies/movements",
                "/supplies/movements?item=" + masks + "&warehouse=" + wh01, "/supplies/stock/purchase", "/supplies/stock/adjustment",
                "/supplies/requests", "/supplies/requests/" + requestId, "/supplies/campaigns"}) {
            mvc.perform(get(page).with(signedIn(clerk))).andExpect(status().isOk());
            mvc.perform(get(page).with(signedIn("commander")).param("lang", "en")).andExpect(status().isOk());
        }
        for (String page : new String[] {"/supplies", "/supplies/requests", "/supplies/requests/new", "/supplies/requests/" + requestId,
                "/supplies/campaigns"}) {
            mvc.perform(get(page).with(signedIn("officer1"))).andExpect(status().isOk());
        }
        mvc.perform(get("/supplies/requests/new").with(signedIn("grid1"))).andExpect(status().isOk());
        mvc.perform(get("/supplies/donations").with(signedIn("grid1"))).andExpect(status().isForbidden());
        mvc.perform(get("/supplies/donations/new").with(signedIn("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/supplies/requests/" + requestId).with(signedIn("officer2"))).andExpect(status().isForbidden());
        mvc.perform(get("/supplies").with(signedIn("wg1"))).andExpect(status().isForbidden());
        mvc.perform(get("/supplies/stock/nonsense").with(signedIn(clerk))).andExpect(status().isNotFound());
        String stock = body(mvc.perform(get("/supplies").with(signedIn(clerk))).andReturn());
        assertThat(stock).contains("医用外科口罩").contains("stock-MASK");
        String ledger = body(mvc.perform(get("/portal/ledger")).andExpect(status().isOk()).andReturn());
        assertThat(ledger).contains("捐赠物资公开台账").contains("balance-MASK").doesNotContain("<script src=\"/js/supplies");
    }

    @Test
    void theDonationFormShowsMessagesNextToTheFieldsAndStoresNothing() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long masks = SuppliesFixtures.itemId(stock, clerk, "MASK");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        long before = count("select count(*) from donation");
        String page = body(mvc.perform(post("/supplies/donations").with(signedIn(clerk)).with(csrf())
                        .param("kind", "GOODS").param("donorType", "PERSON").param("donorName", "").param("channel", "MAIL")
                        .param("warehouseId", "" + wh01).param("itemId", "" + masks, "" + masks).param("quantity", "-5", "3"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"donorName-error\"").contains("必须大于0").contains("同一物资只能填写一行");
        String garbled = body(mvc.perform(post("/supplies/donations").with(signedIn(clerk)).with(csrf())
                        .param("kind", "GOODS").param("donorType", "ANONYMOUS").param("channel", "MAIL")
                        .param("warehouseId", "" + wh01).param("itemId", "" + masks).param("quantity", "abc"))
                .andExpect(status().isOk()).andReturn());
        assertThat(garbled).contains("请输入数字").containsPattern("<option value=\"" + masks + "\" selected")
                .containsPattern("<option value=\"" + wh01 + "\" selected").contains("value=\"abc\"");
        assertThat(count("select count(*) from donation")).isEqualTo(before);

        BigDecimal stockBefore = jdbc.sql("select coalesce(sum(quantity),0) from stock_balance where item_id = ? and warehouse_id = ?")
                .params(masks, wh01).query(BigDecimal.class).single();
        mvc.perform(post("/supplies/donations").with(signedIn(clerk)).with(csrf())
                        .param("kind", "GOODS").param("donorType", "PERSON").param("donorName", "在外务工人员").param("channel", "MAIL")
                        .param("designatedUse", "赠予同事").param("warehouseId", "" + wh01)
                        .param("itemId", "" + masks, "", "").param("quantity", "1000", "", ""))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/supplies/donations?saved"));
        assertThat(count("select count(*) from donation")).isEqualTo(before + 1);
        assertThat(jdbc.sql("select quantity from stock_balance where item_id = ? and warehouse_id = ?").params(masks, wh01)
                .query(BigDecimal.class).single()).isEqualByComparingTo(stockBefore.add(new BigDecimal(1000)));
        assertThat(body(mvc.perform(get("/portal/ledger")).andReturn())).doesNotContain("在外务工人员");
    }

    @Test
    void aRequestGoesThroughEveryStepOnThePages() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long gloves = SuppliesFixtures.itemId(stock, clerk, "GLOVES");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        stock.purchase(clerk, new StockChange(wh01, gloves, new BigDecimal(100), "页面测试"));
        String location = mvc.perform(post("/supplies/requests").with(signedIn("grid1")).with(csrf())
                        .param("postType", "HOSPITAL").param("postRef", "610881106201").param("postName", "中鸡一村卫生室")
                        .param("itemId", "" + gloves).param("quantity", "40"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.replaceAll("\\D*(\\d+).*", "$1"));
        assertThat(body(mvc.perform(get("/supplies/requests/" + id).with(signedIn(clerk))).andReturn())).contains("approve-form");
        mvc.perform(post("/supplies/requests/{id}/approve", id).with(signedIn("grid1")).with(csrf())
                .param("itemId", "" + gloves).param("quantity", "40")).andExpect(status().isForbidden());
        mvc.perform(post("/supplies/requests/{id}/approve", id).with(signedIn(clerk)).with(csrf())
                .param("itemId", "" + gloves).param("quantity", "40")).andExpect(status().is3xxRedirection());
        String tooMuch = body(mvc.perform(post("/supplies/requests/{id}/dispatch", id).with(signedIn(clerk)).with(csrf())
                .param("warehouseId", "" + wh01).param("itemId", "" + gloves).param("quantity", "41")).andExpect(status().isOk()).andReturn());
        assertThat(tooMuch).contains("id=\"errors\"");
        mvc.perform(post("/supplies/requests/{id}/dispatch", id).with(signedIn(clerk)).with(csrf())
                .param("warehouseId", "" + wh01).param("itemId", "" + gloves).param("quantity", "15")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/supplies/requests/{id}/dispatch", id).with(signedIn(clerk)).with(csrf())
                .param("warehouseId", "" + wh01).param("itemId", "" + gloves).param("quantity", "25")).andExpect(status().is3xxRedirection());
        SupplyRequestView r = supplyRequests.request(clerk, id);
        assertThat(r.status()).isEqualTo(RequestStatus.DISPATCHED);
        // two dispatches, two dispatch notes numbered one after the other in the year (no other dispatch ran in between here)
        assertThat(r.dispatches()).extracting(DispatchView::noteNumber).doesNotContainNull().doesNotHaveDuplicates();
        for (DispatchView d : r.dispatches()) {
            mvc.perform(post("/supplies/dispatches/{id}/receipt", d.id()).with(signedIn("grid1")).with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        assertThat(supplyRequests.request(clerk, id).status()).isEqualTo(RequestStatus.RECEIVED);
    }

    @Test
    void theClerkSeesStockWhenDispatchingIsAskedFirstAndToldAfterEveryStep() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long goggles = SuppliesFixtures.itemId(stock, clerk, "GOGGLES");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        stock.purchase(clerk, new StockChange(wh01, goggles, new BigDecimal(3000), "页面测试"));
        BigDecimal inStock = jdbc.sql("select quantity from stock_balance where item_id = ? and warehouse_id = ?").params(goggles, wh01)
                .query(BigDecimal.class).single();
        long id = supplyRequests.request(accounts.loadUserByUsername("officer1"), new SupplyRequestInput(PostType.CHECKPOINT, "KK01", null,
                null, List.of(new QuantityLine(goggles, new BigDecimal(20))))).id();

        String requested = body(mvc.perform(get("/supplies/requests/" + id).with(signedIn(clerk))).andReturn());
        assertThat(requested).contains("id=\"approve-form\"").contains("data-confirm=\"批准");
        var approved = mvc.perform(post("/supplies/requests/{id}/approve", id).with(signedIn(clerk)).with(csrf())
                .param("itemId", "" + goggles).param("quantity", "20")).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(succeeded(approved)).isEqualTo("sup.succeeded.approved");

        // the dispatch form: asks first, shows the warehouse's stock of the item in the locale's grouping and with the unit translated
        String english = body(mvc.perform(get("/supplies/requests/" + id).with(signedIn(clerk)).param("lang", "en")).andReturn());
        assertThat(english).contains("id=\"dispatch-form\"").contains("data-confirm=\"Dispatch to")
                .contains("id=\"dispatch-stock-0\"")
                .contains(new java.text.DecimalFormat("#,##0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH))
                        .format(inStock) + " pairs")
                .doesNotContain(inStock.toPlainString() + " 副");
        var dispatched = mvc.perform(post("/supplies/requests/{id}/dispatch", id).with(signedIn(clerk)).with(csrf())
                .param("warehouseId", "" + wh01).param("itemId", "" + goggles).param("quantity", "20")).andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(succeeded(dispatched)).startsWith("sup.succeeded.dispatched");
        DispatchView d = supplyRequests.request(clerk, id).dispatches().get(0);
        assertThat(d.noteYear()).isEqualTo(today().getYear());
        assertThat(d.noteNumber()).isPositive();
        assertThat(body(mvc.perform(get("/supplies/requests/" + id).with(signedIn(clerk))).andReturn()))
                .contains("发放单 " + d.noteYear() + "年第" + d.noteNumber() + "号");
        assertThat(body(mvc.perform(get("/supplies/requests/" + id).with(signedIn("officer1"))).andReturn()))
                .contains("data-confirm=\"确认已收到");
        var received = mvc.perform(post("/supplies/dispatches/{id}/receipt", d.id()).with(signedIn("officer1")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(succeeded(received)).isEqualTo("sup.succeeded.received");
    }

    private static String succeeded(org.springframework.test.web.servlet.MvcResult result) {
        Object message = result.getFlashMap().get(org.cordon.shared.web.Forms.SUCCEEDED);
        assertThat(message).as("the success message after the action").isNotNull();
        return ((org.springframework.context.MessageSourceResolvable) message).getCodes()[0];
    }

    @Test
    void theCampaignFormValidates() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long before = count("select count(*) from campaign");
        String page = body(mvc.perform(post("/supplies/campaigns").with(signedIn(clerk)).with(csrf())
                .param("name", "").param("organiser", "团市委").param("target", "-1").param("startsOn", "2020-02-01").param("endsOn", "2020-01-01"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"name-error\"").contains("id=\"target-error\"");
        assertThat(count("select count(*) from campaign")).isEqualTo(before);
        mvc.perform(post("/supplies/campaigns").with(signedIn("officer1")).with(csrf())
                .param("name", "x").param("organiser", "y").param("target", "1").param("startsOn", "2020-02-01")).andExpect(status().isForbidden());
    }
}

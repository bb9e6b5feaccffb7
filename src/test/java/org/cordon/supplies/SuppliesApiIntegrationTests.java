package org.cordon.supplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import net.minidev.json.JSONArray;
import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The donation → request → approval → dispatch → receipt flow through the JSON API, and its rules. */
class SuppliesApiIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    StockManagement stock;

    @Autowired
    DonationManagement donations;

    CordonUser clerk;
    RequestPostProcessor asClerk;
    long masks;
    long n95;
    long wh01;

    @BeforeEach
    void setUp() {
        clerk = SuppliesFixtures.clerk(accounts);
        asClerk = httpBasic(clerk.getUsername(), "password1-for-tests");
        masks = SuppliesFixtures.itemId(stock, clerk, "MASK");
        n95 = SuppliesFixtures.itemId(stock, clerk, "N95");
        wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
    }

    BigDecimal balance(long item, long warehouse) {
        return jdbc.sql("select coalesce(sum(quantity), 0) from stock_balance where item_id = ? and warehouse_id = ?").params(item, warehouse)
                .query(BigDecimal.class).single();
    }

    MvcResult postJson(String url, RequestPostProcessor who, String json, int expected) throws Exception {
        return mvc.perform(post(url).with(who).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().is(expected)).andReturn();
    }

    @Test
    void aClerkTakesInMasksFulfilsACheckpointRequestAndThePublicLedgerShowsBoth() throws Exception {
        BigDecimal before = balance(masks, wh01);
        String donor = SuppliesFixtures.fresh("神木市某药店");
        MvcResult donation = postJson("/api/v1/donations", asClerk, """
                {"kind":"GOODS","donorType":"ORGANISATION","donorName":"%s","channel":"ON_SITE","warehouseId":%d,
                 "designatedUse":"一线卡口","lines":[{"itemId":%d,"quantity":3500}]}""".formatted(donor, wh01, masks), 201);
        String receipt = read(donation, "$.receiptNumber");
        assertThat(balance(masks, wh01)).isEqualByComparingTo(before.add(new BigDecimal(3500)));

        MvcResult request = postJson("/api/v1/supply-requests", as("officer1"), """
                {"postType":"CHECKPOINT","postRef":"KK01","note":"夜班口罩不足","lines":[{"itemId":%d,"quantity":500}]}""".formatted(masks), 201);
        long requestId = readLong(request, "$.id");
        assertThat((String) read(request, "$.status")).isEqualTo("REQUESTED");
        assertThat((String) read(request, "$.postName")).isEqualTo("338国道后鸡陕蒙界检查点");

        MvcResult approved = postJson("/api/v1/supply-requests/" + requestId + "/approve", asClerk,
                "{\"lines\":[{\"itemId\":%d,\"quantity\":500}]}".formatted(masks), 200);
        assertThat((String) read(approved, "$.status")).isEqualTo("APPROVED");

        MvcResult dispatched = postJson("/api/v1/supply-requests/" + requestId + "/dispatches", asClerk,
                "{\"warehouseId\":%d,\"lines\":[{\"itemId\":%d,\"quantity\":500}]}".formatted(wh01, masks), 201);
        assertThat((String) read(dispatched, "$.status")).isEqualTo("DISPATCHED");
        long dispatchId = readLong(dispatched, "$.dispatches[0].id");

        MvcResult received = postJson("/api/v1/dispatches/" + dispatchId + "/receipt", as("officer1"), "", 200);
        assertThat((String) read(received, "$.status")).isEqualTo("RECEIVED");
        assertThat((String) read(received, "$.dispatches[0].receivedBy")).isEqualTo("officer1");
        assertThat(balance(masks, wh01)).isEqualByComparingTo(before.add(new BigDecimal(3000)));

        MvcResult ledger = mvc.perform(get("/portal/api/ledger")).andExpect(status().isOk()).andReturn();
        JSONArray donated = read(ledger, "$.donations[?(@.receiptNumber == '" + receipt + "')]");
        assertThat(donated).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) donated.get(0);
        assertThat(d.get("donor")).isEqualTo(donor);
        assertThat(body(ledger)).contains("\"post\":\"338国道后鸡陕蒙界检查点\"");
        JSONArray out = read(ledger, "$.dispatches[?(@.id == " + dispatchId + ")].items[0].quantity");
        assertThat(new BigDecimal(out.get(0).toString())).isEqualByComparingTo("500");
        JSONArray maskBalance = read(ledger, "$.balances[?(@.itemCode == 'MASK')].balance");
        BigDecimal allMasks = jdbc.sql("select coalesce(sum(quantity),0) from stock_balance where item_id = ?").param(masks)
                .query(BigDecimal.class).single();
        assertThat(new BigDecimal(maskBalance.get(0).toString())).isEqualByComparingTo(allMasks);
    }

    @Test
    void aPartialDispatchLeavesTheRestOpenAndReceiptsCloseTheRequest() throws Exception {
        donations.recordDonation(clerk, SuppliesFixtures.goods(SuppliesFixtures.fresh("企业"), wh01, n95, "300"));
        long requestId = readLong(postJson("/api/v1/supply-requests", as("officer1"), """
                {"postType":"CHECKPOINT","postRef":"KK01","lines":[{"itemId":%d,"quantity":100},{"itemId":%d,"quantity":50}]}"""
                .formatted(n95, masks), 201), "$.id");
        postJson("/api/v1/supply-requests/" + requestId + "/approve", asClerk,
                "{\"lines\":[{\"itemId\":%d,\"quantity\":80},{\"itemId\":%d,\"quantity\":0}]}".formatted(n95, masks), 200);
        MvcResult first = postJson("/api/v1/supply-requests/" + requestId + "/dispatches", asClerk,
                "{\"warehouseId\":%d,\"lines\":[{\"itemId\":%d,\"quantity\":30}]}".formatted(wh01, n95), 201);
        assertThat((String) read(first, "$.status")).isEqualTo("PARTIALLY_DISPATCHED");
        // more than what remains approved (50)
        MvcResult tooMuch = postJson("/api/v1/supply-requests/" + requestId + "/dispatches", asClerk,
                "{\"warehouseId\":%d,\"lines\":[{\"itemId\":%d,\"quantity\":51}]}".formatted(wh01, n95), 400);
        assertThat((String) read(tooMuch, "$.errors[0].field")).isEqualTo("lines[0].quantity");
        MvcResult second = postJson("/api/v1/supply-requests/" + requestId + "/dispatches", asClerk,
                "{\"warehouseId\":%d,\"lines\":[{\"itemId\":%d,\"quantity\":50}]}".formatted(wh01, n95), 201);
        assertThat((String) read(second, "$.status")).isEqualTo("DISPATCHED");
        List<Integer> ids = read(second, "$.dispatches[*].id");
        assertThat(ids).hasSize(2);
        assertThat((String) read(postJson("/api/v1/dispatches/" + ids.get(0) + "/receipt", as("officer1"), "", 200), "$.status"))
                .isEqualTo("DISPATCHED");
        postJson("/api/v1/dispatches/" + ids.get(0) + "/receipt", as("officer1"), "", 400);
        assertThat((String) read(postJson("/api/v1/dispatches/" + ids.get(1) + "/receipt", as("officer1"), "", 200), "$.status"))
                .isEqualTo("RECEIVED");
    }

    @Test
    void aDispatchBeyondTheBalanceFailsAsAWholeAndStoresNothing() throws Exception {
        long wh03 = SuppliesFixtures.warehouseId(stock, clerk, "WH03");
        long suits = SuppliesFixtures.itemId(stock, clerk, "SUIT");
        donations.recordDonation(clerk, SuppliesFixtures.goods(SuppliesFixtures.fresh("捐赠方"), wh03, masks, "10"));
        BigDecimal suitsAvailable = balance(suits, wh03);
        long requestId = readLong(postJson("/api/v1/supply-requests", as("officer1"), """
                {"postType":"CHECKPOINT","postRef":"KK01","lines":[{"itemId":%d,"quantity":5},{"itemId":%d,"quantity":%s}]}"""
                .formatted(masks, suits, suitsAvailable.add(BigDecimal.ONE).toPlainString()), 201), "$.id");
        postJson("/api/v1/supply-requests/" + requestId + "/approve", asClerk, """
                {"lines":[{"itemId":%d,"quantity":5},{"itemId":%d,"quantity":%s}]}"""
                .formatted(masks, suits, suitsAvailable.add(BigDecimal.ONE).toPlainString()), 200);
        BigDecimal masksBefore = balance(masks, wh03);
        long movements = count("select count(*) from stock_movement");
        long dispatches = count("select count(*) from dispatch");
        MvcResult failed = mvc.perform(post("/api/v1/supply-requests/" + requestId + "/dispatches").with(asClerk).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"warehouseId":%d,"lines":[{"itemId":%d,"quantity":5},{"itemId":%d,"quantity":%s}]}"""
                                .formatted(wh03, masks, suits, suitsAvailable.add(BigDecimal.ONE).toPlainString())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("lines[1].quantity"))
                .andExpect(jsonPath("$.errors[0].code").value("stock.validation.insufficient")).andReturn();
        assertThat((String) read(failed, "$.errors[0].message")).contains("防护服").contains(suitsAvailable.stripTrailingZeros().toPlainString());
        assertThat(balance(masks, wh03)).isEqualByComparingTo(masksBefore);
        assertThat(count("select count(*) from stock_movement")).isEqualTo(movements);
        assertThat(count("select count(*) from dispatch")).isEqualTo(dispatches);
        assertThat((String) read(mvc.perform(get("/api/v1/supply-requests/" + requestId).with(as("officer1"))).andReturn(), "$.status"))
                .isEqualTo("APPROVED");
    }

    @Test
    void anonymousAndUnnamedDonorsShowAsAnonymousAndMoneyRaisesTheCampaign() throws Exception {
        MvcResult campaign = postJson("/api/v1/campaigns", asClerk, """
                {"name":"%s","organiser":"共青团神木市委","target":100000,"startsOn":"2020-01-28"}""".formatted(SuppliesFixtures.fresh("青年抗疫募捐")), 201);
        long campaignId = readLong(campaign, "$.id");
        String person = SuppliesFixtures.fresh("王某某");
        postJson("/api/v1/donations", asClerk, """
                {"kind":"MONEY","donorType":"PERSON","donorName":"%s","showName":false,"amount":2000.50,"channel":"BANK","campaignId":%d}"""
                .formatted(person, campaignId), 201);
        String anon = read(postJson("/api/v1/donations", asClerk, """
                {"kind":"MONEY","donorType":"ANONYMOUS","donorName":"不应保存","amount":500,"channel":"CHARITY_PLATFORM","campaignId":%d}"""
                .formatted(campaignId), 201), "$.receiptNumber");
        String named = SuppliesFixtures.fresh("李某");
        postJson("/api/v1/donations", asClerk, """
                {"kind":"MONEY","donorType":"PERSON","donorName":"%s","showName":true,"amount":100,"channel":"ON_SITE"}""".formatted(named), 201);

        MvcResult list = mvc.perform(get("/api/v1/campaigns").with(as("officer1"))).andExpect(status().isOk()).andReturn();
        JSONArray raised = read(list, "$[?(@.id == " + campaignId + ")].raised");
        assertThat(new BigDecimal(raised.get(0).toString())).isEqualByComparingTo("2500.50");

        String ledger = body(mvc.perform(get("/portal/api/ledger")).andExpect(status().isOk()).andReturn());
        assertThat(ledger).doesNotContain(person).doesNotContain("不应保存").contains(named);
        JSONArray anonymous = com.jayway.jsonpath.JsonPath.read(ledger, "$.donations[?(@.receiptNumber == '" + anon + "')].anonymous");
        assertThat(anonymous.get(0)).isEqualTo(true);
        String page = body(mvc.perform(get("/portal/ledger")).andExpect(status().isOk()).andReturn());
        assertThat(page).doesNotContain(person).contains(named).contains("匿名");
        assertThat(body(mvc.perform(get("/portal/ledger").param("lang", "en")).andReturn())).contains("Anonymous");
    }

    @Test
    void rolesAndJurisdictionsAreEnforced() throws Exception {
        long before = count("select count(*) from supply_request");
        String kk01 = "{\"postType\":\"CHECKPOINT\",\"postRef\":\"KK01\",\"lines\":[{\"itemId\":%d,\"quantity\":5}]}".formatted(masks);
        postJson("/api/v1/supply-requests", as("officer2"), kk01, 403);
        postJson("/api/v1/supply-requests", asClerk, kk01, 403);
        postJson("/api/v1/supply-requests", as("grid1"), """
                {"postType":"COMPOUND","postRef":"610881104","postName":"大柳塔某小区","lines":[{"itemId":%d,"quantity":5}]}""".formatted(masks), 403);
        assertThat(count("select count(*) from supply_request")).isEqualTo(before);

        long requestId = readLong(postJson("/api/v1/supply-requests", as("grid1"), """
                {"postType":"COMPOUND","postRef":"610881106201","postName":"中鸡一村卫生室","lines":[{"itemId":%d,"quantity":5}]}"""
                .formatted(masks), 201), "$.id");
        String approval = "{\"lines\":[{\"itemId\":%d,\"quantity\":5}]}".formatted(masks);
        postJson("/api/v1/supply-requests/" + requestId + "/approve", as("grid1"), approval, 403);
        postJson("/api/v1/supply-requests/" + requestId + "/approve", as("admin"), approval, 403);
        mvc.perform(get("/api/v1/supply-requests/" + requestId).with(as("officer1"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/donations").with(as("officer1"))).andExpect(status().isForbidden());
        postJson("/api/v1/donations", as("grid1"), SuppliesFixtures.goodsJson(wh01, masks), 403);
        List<Integer> officerSees = read(mvc.perform(get("/api/v1/supply-requests").with(as("officer1"))).andReturn(), "$[*].id");
        assertThat(officerSees).doesNotContain((int) requestId);
        List<Integer> gridSees = read(mvc.perform(get("/api/v1/supply-requests").with(as("grid1"))).andReturn(), "$[*].id");
        assertThat(gridSees).contains((int) requestId);
        assertThat((String) read(postJson("/api/v1/supply-requests/" + requestId + "/approve", as("commander"), approval, 200), "$.status"))
                .isEqualTo("APPROVED");
    }

    @Test
    void invalidInputIsReportedFieldByFieldAndStoresNothing() throws Exception {
        long donations = count("select count(*) from donation");
        long movements = count("select count(*) from stock_movement");
        MvcResult bad = postJson("/api/v1/donations", asClerk, """
                {"kind":"GOODS","donorType":"PERSON","channel":"ON_SITE","warehouseId":987654,
                 "lines":[{"itemId":%d,"quantity":-3},{"itemId":987654,"quantity":1},{"itemId":%d,"quantity":1.234}]}"""
                .formatted(masks, masks), 400);
        List<String> fields = read(bad, "$.errors[*].field");
        assertThat(fields).contains("donorName", "warehouseId", "lines[0].quantity", "lines[1].itemId", "lines[2].quantity");
        postJson("/api/v1/donations", asClerk, "{\"kind\":\"MONEY\",\"donorType\":\"ANONYMOUS\",\"channel\":\"BANK\"}", 400);
        postJson("/api/v1/donations", asClerk, """
                {"kind":"MONEY","donorType":"ANONYMOUS","channel":"BANK","amount":5,"receivedOn":"2099-01-01"}""", 400);
        MvcResult adjustment = postJson("/api/v1/stock/adjustments", asClerk,
                "{\"warehouseId\":%d,\"itemId\":%d,\"quantity\":-1}".formatted(wh01, masks), 400);
        assertThat((String) read(adjustment, "$.errors[0].field")).isEqualTo("reason");
        postJson("/api/v1/stock/purchases", asClerk, "{\"warehouseId\":%d,\"itemId\":%d,\"quantity\":0}".formatted(wh01, masks), 400);
        long requests = count("select count(*) from supply_request");
        postJson("/api/v1/supply-requests", as("officer1"), "{\"postType\":\"CHECKPOINT\",\"postRef\":\"KK01\",\"lines\":[]}", 400);
        postJson("/api/v1/supply-requests", as("officer1"), """
                {"postType":"CHECKPOINT","postRef":"KK99","lines":[{"itemId":%d,"quantity":1}]}""".formatted(masks), 400);
        assertThat(count("select count(*) from supply_request")).isEqualTo(requests);
        assertThat(count("select count(*) from donation")).isEqualTo(donations);
        assertThat(count("select count(*) from stock_movement")).isEqualTo(movements);

        BigDecimal before = balance(masks, wh01);
        postJson("/api/v1/stock/purchases", asClerk, "{\"warehouseId\":%d,\"itemId\":%d,\"quantity\":200,\"reason\":\"采购合同2020-01\"}"
                .formatted(wh01, masks), 201);
        postJson("/api/v1/stock/adjustments", asClerk, "{\"warehouseId\":%d,\"itemId\":%d,\"quantity\":-20,\"reason\":\"受潮报损\"}"
                .formatted(wh01, masks), 201);
        assertThat(balance(masks, wh01)).isEqualByComparingTo(before.add(new BigDecimal(180)));
        postJson("/api/v1/stock/adjustments", asClerk, "{\"warehouseId\":%d,\"itemId\":%d,\"quantity\":-%s,\"reason\":\"盘亏\"}"
                .formatted(wh01, masks, balance(masks, wh01).add(BigDecimal.ONE).toPlainString()), 400);
    }
}

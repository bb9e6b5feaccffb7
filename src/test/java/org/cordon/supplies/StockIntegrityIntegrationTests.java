package org.cordon.supplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.cordon.IntegrationTestSupport;
import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.shared.ValidationFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Stock never goes negative, even under concurrent dispatches, and every total reconciles with the movements. */
class StockIntegrityIntegrationTests extends IntegrationTestSupport {

    @Autowired
    AccountManagement accounts;

    @Autowired
    StockManagement stock;

    @Autowired
    DonationManagement donations;

    @Autowired
    SupplyRequestManagement supplyRequests;

    @Test
    void twoClerksDispatchingTheLastItemsAtTheSameMomentCannotBothSucceed() throws Exception {
        CordonUser clerkA = SuppliesFixtures.clerk(accounts);
        CordonUser clerkB = SuppliesFixtures.clerk(accounts);
        CordonUser officer = accounts.loadUserByUsername("officer1");
        long thermo = SuppliesFixtures.itemId(stock, clerkA, "THERMO");
        long wh02 = SuppliesFixtures.warehouseId(stock, clerkA, "WH02");
        for (int round = 0; round < 5; round++) {
            BigDecimal existing = stock.balances(clerkA).stream().filter(b -> b.itemId() == thermo && b.warehouseId() == wh02)
                    .map(StockBalance::quantity).findFirst().orElse(BigDecimal.ZERO);
            if (existing.signum() > 0) {
                stock.adjust(clerkA, new StockChange(wh02, thermo, existing.negate(), "测试前清零"));
            }
            stock.purchase(clerkA, new StockChange(wh02, thermo, new BigDecimal(7), "最后7支"));
            long[] requests = new long[2];
            for (int i = 0; i < 2; i++) {
                long id = supplyRequests.request(officer, new SupplyRequestInput(PostType.CHECKPOINT, "KK01", null, null,
                        List.of(new QuantityLine(thermo, new BigDecimal(7))))).id();
                supplyRequests.approve(clerkA, id, List.of(new QuantityLine(thermo, new BigDecimal(7))));
                requests[i] = id;
            }
            CyclicBarrier barrier = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CordonUser[] clerks = {clerkA, clerkB};
                Future<?>[] results = new Future<?>[2];
                for (int i = 0; i < 2; i++) {
                    int n = i;
                    results[i] = pool.submit(() -> {
                        barrier.await(10, TimeUnit.SECONDS);
                        return supplyRequests.dispatch(clerks[n], requests[n], new DispatchInput(wh02, List.of(new QuantityLine(thermo, new BigDecimal(7)))));
                    });
                }
                int succeeded = 0;
                int refused = 0;
                for (Future<?> f : results) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        succeeded++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ValidationFailedException.class);
                        assertThat(((ValidationFailedException) e.getCause()).problems().get(0).code()).isEqualTo("stock.validation.insufficient");
                        refused++;
                    }
                }
                assertThat(succeeded).isEqualTo(1);
                assertThat(refused).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            BigDecimal after = jdbc.sql("select quantity from stock_balance where item_id = ? and warehouse_id = ?").params(thermo, wh02)
                    .query(BigDecimal.class).single();
            assertThat(after).isEqualByComparingTo("0");
            assertThat(count("select count(*) from dispatch where request_id in (?, ?)", requests[0], requests[1])).isEqualTo(1);
        }
    }

    @Test
    void throughTheApiTooOnlyOneOfTwoSimultaneousDispatchesOfTheLastItemsSucceeds() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        CordonUser officer = accounts.loadUserByUsername("officer1");
        long goggles = SuppliesFixtures.itemId(stock, clerk, "GOGGLES");
        long wh03 = SuppliesFixtures.warehouseId(stock, clerk, "WH03");
        BigDecimal existing = jdbc.sql("select coalesce(sum(quantity), 0) from stock_balance where item_id = ? and warehouse_id = ?")
                .params(goggles, wh03).query(BigDecimal.class).single();
        if (existing.signum() > 0) {
            stock.adjust(clerk, new StockChange(wh03, goggles, existing.negate(), "测试前清零"));
        }
        donations.recordDonation(clerk, SuppliesFixtures.goods(SuppliesFixtures.fresh("最后一批"), wh03, goggles, "12"));
        long[] requests = new long[2];
        for (int i = 0; i < 2; i++) {
            requests[i] = supplyRequests.request(officer, new SupplyRequestInput(PostType.CHECKPOINT, "KK01", null, null,
                    List.of(new QuantityLine(goggles, new BigDecimal(12))))).id();
            supplyRequests.approve(clerk, requests[i], List.of(new QuantityLine(goggles, new BigDecimal(12))));
        }
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (long request : requests) {
                results.add(pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                                    .post("/api/v1/supply-requests/" + request + "/dispatches")
                                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                            .httpBasic(clerk.getUsername(), "password1-for-tests"))
                                    .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                                    .content("{\"warehouseId\":%d,\"lines\":[{\"itemId\":%d,\"quantity\":12}]}".formatted(wh03, goggles)))
                            .andReturn().getResponse().getStatus();
                }));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 400);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select quantity from stock_balance where item_id = ? and warehouse_id = ?").params(goggles, wh03)
                .query(BigDecimal.class).single()).isEqualByComparingTo("0");
    }

    @Test
    void balancesEqualTheSumOfMovementsAndTheLedgerReconcilesExactly() throws Exception {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        long gloves = SuppliesFixtures.itemId(stock, clerk, "GLOVES");
        long wh01 = SuppliesFixtures.warehouseId(stock, clerk, "WH01");
        donations.recordDonation(clerk, SuppliesFixtures.goods(SuppliesFixtures.fresh("对账"), wh01, gloves, "120.5"));
        stock.purchase(clerk, new StockChange(wh01, gloves, new BigDecimal("30"), null));
        stock.adjust(clerk, new StockChange(wh01, gloves, new BigDecimal("-0.5"), "盘点"));

        // every balance equals the sum of its movements, and no balance exists without movements
        List<Map<String, Object>> mismatches = jdbc.sql("""
                select coalesce(b.item_id, m.item_id) item, coalesce(b.warehouse_id, m.warehouse_id) wh, b.quantity, m.total
                from stock_balance b full join (select item_id, warehouse_id, sum(quantity) total from stock_movement group by 1, 2) m
                  on m.item_id = b.item_id and m.warehouse_id = b.warehouse_id
                where coalesce(b.quantity, 0) <> coalesce(m.total, 0)""").query().listOfRows();
        assertThat(mismatches).isEmpty();
        assertThat(count("select count(*) from stock_balance where quantity < 0")).isZero();

        String json = body(mvc.perform(get("/portal/api/ledger")).andExpect(status().isOk()).andReturn());
        List<Map<String, Object>> balances = JsonPath.read(json, "$.balances");
        assertThat(balances).hasSize((int) count("select count(*) from supply_item"));
        for (Map<String, Object> b : balances) {
            long item = jdbc.sql("select id from supply_item where code = ?").param(b.get("itemCode")).query(Long.class).single();
            BigDecimal donated = sum("select coalesce(sum(quantity),0) from stock_movement where item_id = ? and kind = 'DONATION_IN'", item);
            BigDecimal purchased = sum("select coalesce(sum(quantity),0) from stock_movement where item_id = ? and kind = 'PURCHASE_IN'", item);
            BigDecimal out = sum("select coalesce(-sum(quantity),0) from stock_movement where item_id = ? and kind = 'DISPATCH_OUT'", item);
            BigDecimal adjusted = sum("select coalesce(sum(quantity),0) from stock_movement where item_id = ? and kind = 'ADJUSTMENT'", item);
            assertThat(dec(b.get("donatedIn"))).isEqualByComparingTo(donated);
            assertThat(dec(b.get("purchasedIn"))).isEqualByComparingTo(purchased);
            assertThat(dec(b.get("dispatchedOut"))).isEqualByComparingTo(out);
            assertThat(dec(b.get("adjusted"))).isEqualByComparingTo(adjusted);
            BigDecimal balance = dec(b.get("balance"));
            assertThat(balance).isEqualByComparingTo(donated.add(purchased).subtract(out).add(adjusted));
            assertThat(balance).isEqualByComparingTo(sum("select coalesce(sum(quantity),0) from stock_balance where item_id = ?", item));
            // the listed donations and dispatches add up to the totals in and out
            List<Object> donatedLines = JsonPath.read(json, "$.donations[*].items[?(@.itemCode == '" + b.get("itemCode") + "')].quantity");
            assertThat(donatedLines.stream().map(StockIntegrityIntegrationTests::dec).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(donated);
            List<Object> dispatchedLines = JsonPath.read(json, "$.dispatches[*].items[?(@.itemCode == '" + b.get("itemCode") + "')].quantity");
            assertThat(dispatchedLines.stream().map(StockIntegrityIntegrationTests::dec).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(out);
        }
        List<Object> amounts = JsonPath.read(json, "$.donations[?(@.kind == 'MONEY')].amount");
        assertThat(amounts.stream().map(StockIntegrityIntegrationTests::dec).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(dec(JsonPath.read(json, "$.moneyTotal")));
    }

    @Test
    void movementsCannotBeChangedOrDeleted() {
        CordonUser clerk = SuppliesFixtures.clerk(accounts);
        stock.purchase(clerk, new StockChange(SuppliesFixtures.warehouseId(stock, clerk, "WH01"),
                SuppliesFixtures.itemId(stock, clerk, "GOGGLES"), BigDecimal.TEN, null));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update stock_movement set quantity = quantity + 1").update())
                .hasMessageContaining("append-only");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from stock_movement").update())
                .hasMessageContaining("append-only");
    }

    BigDecimal sum(String sql, long item) {
        return jdbc.sql(sql).param(item).query(BigDecimal.class).single();
    }

    static BigDecimal dec(Object o) {
        return new BigDecimal(o.toString());
    }
}

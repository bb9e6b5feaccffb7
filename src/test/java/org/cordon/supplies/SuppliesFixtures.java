package org.cordon.supplies;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;

/** Test data of the supplies module. */
final class SuppliesFixtures {

    private SuppliesFixtures() {
    }

    /** A fresh supplies clerk account (password "password1-for-tests"). */
    static CordonUser clerk(AccountManagement accounts) {
        String username = "clerk" + UUID.randomUUID().toString().substring(0, 8);
        accounts.createAccount(new NewAccount(username, "password1-for-tests", "物资保障员", Role.SUPPLIES_CLERK, "610881", Set.of()));
        return accounts.loadUserByUsername(username);
    }

    /** A fresh warehouse-like scope: the id of a warehouse and an item (by code). */
    static long itemId(StockManagement stock, CordonUser user, String code) {
        return stock.items(user).stream().filter(i -> i.code().equals(code)).findFirst().orElseThrow().id();
    }

    static long warehouseId(StockManagement stock, CordonUser user, String code) {
        return stock.warehouses(user).stream().filter(w -> w.code().equals(code)).findFirst().orElseThrow().id();
    }

    static DonationRequest goods(String donor, long warehouseId, long itemId, String quantity) {
        return new DonationRequest(DonationKind.GOODS, DonorType.ORGANISATION, donor, true, null, DonationChannel.ON_SITE, null, null, null,
                null, null, warehouseId, List.of(new QuantityLine(itemId, new BigDecimal(quantity))));
    }

    static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static String goodsJson(long warehouseId, long itemId) {
        return """
                {"kind":"GOODS","donorType":"ANONYMOUS","channel":"MAIL","warehouseId":%d,"lines":[{"itemId":%d,"quantity":10}]}"""
                .formatted(warehouseId, itemId);
    }
}

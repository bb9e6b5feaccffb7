package org.cordon.supplies;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cordon.account.CordonUser;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.ValidationFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The input checks the supplies services share: texts, quantities and item lines (collecting
 * {@link FieldProblem}s with the {@code sup.validation.*} codes), known items and warehouses, and the access
 * refusal.
 */
@Component
class SupplyChecks {

    static final int MAX_NAME = 100;
    static final int MAX_TEXT = 200;
    static final int MAX_REASON = 500;
    static final int MAX_LINES = 50;
    static final int MAX_RECEIPT = 40;
    /** Most rows a list returns. */
    static final int MAX_LIMIT = 1000;
    private static final BigDecimal MAX_QUANTITY = new BigDecimal("999999999999");

    private final StockRepository stock;

    SupplyChecks(StockRepository stock) {
        this.stock = stock;
    }

    /**
     * Lines of items and quantities (donation or request): at most {@link #MAX_LINES}, each a known item once with
     * a valid quantity, at least one; rows of a form with neither item nor quantity are skipped.
     *
     * @return quantity per item, in the order given (only the valid lines)
     */
    Map<Long, BigDecimal> lines(List<QuantityLine> given, List<FieldProblem> problems) {
        Map<Long, BigDecimal> lines = new LinkedHashMap<>();
        List<QuantityLine> list = given == null ? List.of() : given;
        if (list.size() > MAX_LINES) {
            problems.add(new FieldProblem("lines", "sup.validation.tooManyLines", MAX_LINES));
            return lines;
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            QuantityLine l = list.get(i);
            String field = "lines[" + i + "]";
            if (l == null || l.itemId() == null && l.quantity() == null) {
                continue; // an empty row of a form
            }
            Item item = item(l.itemId(), field + ".itemId", problems);
            boolean duplicate = item != null && !seen.add(item.id());
            if (duplicate) {
                problems.add(new FieldProblem(field + ".itemId", "sup.validation.duplicateItem"));
            }
            if (l.quantity() == null) {
                problems.add(new FieldProblem(field + ".quantity", "validation.required"));
            } else if (quantity(l.quantity(), field + ".quantity", false, problems) && item != null && !duplicate) {
                lines.put(item.id(), l.quantity());
            }
        }
        if (problems.isEmpty() && lines.isEmpty()) {
            problems.add(new FieldProblem("lines", "sup.validation.noLines"));
        }
        return lines;
    }

    /** The item with this id, or null with a problem (required, unknown). */
    Item item(Long id, String field, List<FieldProblem> problems) {
        if (id == null) {
            problems.add(new FieldProblem(field, "validation.required"));
            return null;
        }
        Item item = stock.item(id).orElse(null);
        if (item == null) {
            problems.add(new FieldProblem(field, "sup.validation.unknownItem", id));
        }
        return item;
    }

    /** Adds a problem unless the id is of a warehouse. */
    void warehouse(Long id, String field, List<FieldProblem> problems) {
        if (id == null) {
            problems.add(new FieldProblem(field, "validation.required"));
        } else if (!stock.warehouseExists(id)) {
            problems.add(new FieldProblem(field, "sup.validation.unknownWarehouse", id));
        }
    }

    /** A positive (or, with {@code signed}, non-zero) amount with at most two decimals; true when valid. */
    static boolean quantity(BigDecimal q, String field, boolean signed, List<FieldProblem> problems) {
        if (q == null) {
            problems.add(new FieldProblem(field, "validation.required"));
            return false;
        }
        if (signed ? q.signum() == 0 : q.signum() <= 0) {
            problems.add(new FieldProblem(field, signed ? "stock.validation.nonZero" : "sup.validation.positive"));
            return false;
        }
        if (q.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldProblem(field, "sup.validation.decimals"));
            return false;
        }
        if (q.abs().compareTo(MAX_QUANTITY) > 0) {
            problems.add(new FieldProblem(field, "sup.validation.tooLarge"));
            return false;
        }
        return true;
    }



    /** A quantity as shown in messages: no trailing zeros, no exponent. */
    static String plain(BigDecimal q) {
        return q.stripTrailingZeros().toPlainString();
    }

    /** A list's limit between 1 and {@link #MAX_LIMIT}. */
    static int capped(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }

    static void require(boolean allowed, CordonUser user, String what) {
        if (!allowed) {
            throw new AccessDeniedException(user + " may not " + what);
        }
    }
}

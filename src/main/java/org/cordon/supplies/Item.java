package org.cordon.supplies;

import java.math.BigDecimal;

/** A stock item (医用外科口罩, N95口罩 …). Key items come first on the stock page; below {@code lowStock} in total is low. */
public record Item(long id, String code, String name, String unit, boolean keyItem, BigDecimal lowStock) {
}

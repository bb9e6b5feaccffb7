package org.cordon.supplies;

import java.util.Optional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of donations and fundraising campaigns. */
@Repository
class DonationRepository {

    private final JdbcClient jdbc;

    DonationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ donations

    /** Donations counted per day of receipt, with their money. */
    List<DonationTally> tallies() {
        return jdbc.sql("select received_on, count(*), coalesce(sum(amount), 0) from donation group by 1")
                .query((rs, n) -> new DonationTally(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getBigDecimal(3))).list();
    }

    /** One donation as a tally of its day. */
    Optional<DonationTally> tally(long id) {
        return jdbc.sql("select received_on, coalesce(amount, 0) from donation where id = ?").param(id)
                .query((rs, n) -> new DonationTally(rs.getObject(1, LocalDate.class), 1, rs.getBigDecimal(2))).optional();
    }

    String nextReceiptNumber(int year) {
        long n = jdbc.sql("select nextval('donation_receipt_seq')").query(Long.class).single();
        return String.format("JZ%d-%06d", year, n);
    }

    boolean receiptNumberTaken(String number) {
        return jdbc.sql("select count(*) from donation where receipt_number = ?").param(number).query(Integer.class).single() > 0;
    }

    long insertDonation(DonationKind kind, DonorType donorType, String donorName, boolean showName, BigDecimal amount,
                        DonationChannel channel, String designatedUse, String recipient, String receiptNumber, LocalDate receivedOn,
                        Long campaignId, Long warehouseId, String by) {
        return jdbc.sql("""
                        insert into donation(kind, donor_type, donor_name, show_name, amount, channel, designated_use, recipient,
                                             receipt_number, received_on, campaign_id, warehouse_id, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(kind.name(), donorType.name(), donorName, showName, amount, channel.name(), designatedUse, recipient,
                        receiptNumber, receivedOn, campaignId, warehouseId, by)
                .query(Long.class).single();
    }

    void insertDonationLine(long donationId, long itemId, BigDecimal quantity) {
        jdbc.sql("insert into donation_line(donation_id, item_id, quantity) values (?, ?, ?)").params(donationId, itemId, quantity).update();
    }

    List<DonationView> donations(Long id, int limit) {
        String where = id == null ? "" : "where d.id = :id ";
        var spec = jdbc.sql("""
                select d.*, c.name campaign_name, w.name wh_name from donation d
                left join campaign c on c.id = d.campaign_id left join warehouse w on w.id = d.warehouse_id
                """ + where + "order by d.received_on desc, d.id desc limit :limit").param("limit", limit);
        if (id != null) {
            spec = spec.param("id", id);
        }
        List<Object[]> rows = spec.query((rs, n) -> new Object[] {rs.getLong("id"), DonationKind.valueOf(rs.getString("kind")),
                DonorType.valueOf(rs.getString("donor_type")), rs.getString("donor_name"), rs.getBoolean("show_name"),
                rs.getBigDecimal("amount"), DonationChannel.valueOf(rs.getString("channel")), rs.getString("designated_use"),
                rs.getString("recipient"), rs.getString("receipt_number"), rs.getObject("received_on", LocalDate.class),
                rs.getObject("campaign_id"), rs.getString("campaign_name"), rs.getObject("warehouse_id"), rs.getString("wh_name"),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()}).list();
        Map<Long, List<ItemQuantity>> lines = donationLines(rows.stream().map(r -> (Long) r[0]).toList());
        List<DonationView> result = new ArrayList<>();
        for (Object[] r : rows) {
            result.add(new DonationView((Long) r[0], (DonationKind) r[1], (DonorType) r[2], (String) r[3], (Boolean) r[4],
                    (BigDecimal) r[5], (DonationChannel) r[6], (String) r[7], (String) r[8], (String) r[9], (LocalDate) r[10],
                    (Long) r[11], (String) r[12], (Long) r[13], (String) r[14], lines.getOrDefault((Long) r[0], List.of()),
                    (String) r[15], (Instant) r[16]));
        }
        return result;
    }

    private Map<Long, List<ItemQuantity>> donationLines(Collection<Long> donationIds) {
        Map<Long, List<ItemQuantity>> lines = new LinkedHashMap<>();
        if (donationIds.isEmpty()) {
            return lines;
        }
        jdbc.sql("""
                        select l.donation_id, l.item_id, i.name, i.unit, l.quantity from donation_line l join supply_item i on i.id = l.item_id
                        where l.donation_id in (:ids) order by l.id""").param("ids", donationIds)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ItemQuantity(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)));
                });
        return lines;
    }

    // ------------------------------------------------------------------ campaigns

    long insertCampaign(String name, String organiser, BigDecimal target, LocalDate startsOn, LocalDate endsOn, String by) {
        return jdbc.sql("insert into campaign(name, organiser, target, starts_on, ends_on, created_by) values (?, ?, ?, ?, ?, ?) returning id")
                .params(name, organiser, target, startsOn, endsOn, by).query(Long.class).single();
    }

    boolean campaignExists(long id) {
        return jdbc.sql("select count(*) from campaign where id = ?").param(id).query(Integer.class).single() > 0;
    }

    List<Campaign> campaigns() {
        return jdbc.sql("""
                        select c.*, coalesce(sum(d.amount) filter (where d.kind = 'MONEY'), 0) raised,
                               count(d.id) filter (where d.kind = 'MONEY') donations
                        from campaign c left join donation d on d.campaign_id = c.id
                        group by c.id order by c.starts_on desc, c.id desc""")
                .query((rs, n) -> new Campaign(rs.getLong("id"), rs.getString("name"), rs.getString("organiser"),
                        rs.getBigDecimal("target"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                        rs.getBigDecimal("raised"), rs.getLong("donations"))).list();
    }

    BigDecimal moneyTotal() {
        return jdbc.sql("select coalesce(sum(amount), 0) from donation where kind = 'MONEY'").query(BigDecimal.class).single();
    }
}

package org.cordon.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The monthly partitions of passages, occupants and alerts (V93): rows land in their month's partition, a client
 * id stays unique across months, a month without a partition lands in the default one and moves into the month's
 * partition when that is created, and a dropped month leaves its counts (and the passages of people held for
 * follow-up) behind. Months used here lie far in the past or future, so no other test's rows are touched.
 */
class PassagePartitionIntegrationTests extends org.cordon.IntegrationTestSupport {

    @Autowired
    PassageRepository passages;

    @Autowired
    PassagePartitions partitions;

    @Autowired
    CheckpointManagement checkpoints;

    String car(String clientId, String origin, String... occupants) {
        return CheckpointApiIntegrationTests.passage(clientId, "ENTERING", freshPlate(), "CAR", origin,
                CheckpointApiIntegrationTests.DESTINATION, true, null, occupants);
    }

    static String someone(String temperature, String extra) {
        return CheckpointApiIntegrationTests.someone(temperature, extra);
    }

    org.springframework.test.web.servlet.ResultActions register(String checkpoint, String user, String json) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/checkpoints/{code}/passages", checkpoint).with(as(user))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(json));
    }

    MvcResult registered(String json) throws Exception {
        return register("KK01", "officer1", json).andExpect(status().isCreated()).andReturn();
    }

    String partitionOf(String table, String column, Object value) {
        return jdbc.sql("select tableoid::regclass::text from " + table + " where " + column + " = ?").param(value)
                .query(String.class).single();
    }

    @Test
    void aRegisteredPassageItsOccupantsAndItsAlertLandInTheMonthOfTheirCityDate() throws Exception {
        MvcResult result = registered(car(newClientId(), CheckpointApiIntegrationTests.SAFE_ORIGIN, someone("38.4", null)));
        long id = readLong(result, "$.id");
        LocalDate day = jdbc.sql("select recorded_on from passage where id = ?").param(id).query(LocalDate.class).single();
        String month = String.format("%04d%02d", day.getYear(), day.getMonthValue());

        assertThat(partitionOf("passage", "id", id)).isEqualTo("passage_p" + month);
        assertThat(partitionOf("occupant", "passage_id", id)).isEqualTo("occupant_p" + month);
        assertThat(partitionOf("screening_alert", "passage_id", id)).isEqualTo("screening_alert_p" + month);
        assertThat(count("select count(*) from passage_client where passage_id = ? and recorded_on = ?", id, day)).isEqualTo(1);
    }

    @Test
    void theSameClientIdTwiceStoresOnePassageEvenInAnotherMonth() throws Exception {
        String clientId = newClientId();
        String json = car(clientId, CheckpointApiIntegrationTests.SAFE_ORIGIN, someone("36.6", null));
        long first = readLong(register("KK01", "officer1", json).andExpect(status().isCreated()).andReturn(), "$.id");
        long again = readLong(register("KK01", "officer1", json).andExpect(status().isOk()).andReturn(), "$.id");
        assertThat(again).isEqualTo(first);
        assertThat(count("select count(*) from passage where client_id = ?::uuid", clientId)).isEqualTo(1);

        // the repository's insert itself: a retry dated in another month (another partition) is no new passage
        Optional<Long> other = insert(UUID.fromString(clientId), LocalDate.of(2038, 5, 3));
        assertThat(other).isEmpty();
        assertThat(count("select count(*) from passage where client_id = ?::uuid", clientId)).isEqualTo(1);
        assertThat(passages.findByClientId(UUID.fromString(clientId)).orElseThrow().id()).isEqualTo(first);
    }

    @Test
    void aMonthWithoutPartitionGoesToTheDefaultPartitionAndMovesWhenItsMonthIsCreated() {
        YearMonth month = YearMonth.of(2041, 1 + ThreadLocalRandom.current().nextInt(12));
        LocalDate day = month.atDay(9);
        UUID clientId = UUID.randomUUID();
        long id = insert(clientId, day).orElseThrow();
        List<Long> occupantIds = passages.insertOccupants(id, day, List.of(occupant(randomHash(), Disposition.RELEASED, 1)));
        assertThat(partitionOf("passage", "id", id)).isEqualTo("passage_default");
        assertThat(partitionOf("occupant", "id", occupantIds.get(0))).isEqualTo("occupant_default");

        assertThat(partitions.create(month)).isTrue();
        assertThat(partitions.create(month)).as("a second creation finds it done").isFalse();

        assertThat(partitionOf("passage", "id", id)).isEqualTo(PassagePartitions.partition("passage", month));
        assertThat(partitionOf("occupant", "id", occupantIds.get(0))).isEqualTo(PassagePartitions.partition("occupant", month));
        assertThat(passages.findByClientId(clientId).orElseThrow().id()).isEqualTo(id);
        assertThat(passages.occupantsOf(List.of(id)).get(id)).hasSize(1);
        partitions.drop(month, List.of());
    }

    @Test
    void aDroppedMonthKeepsItsCountsAndThePassagesOfPeopleHeldForFollowUp() {
        YearMonth month = YearMonth.of(2001, 1 + ThreadLocalRandom.current().nextInt(12));
        partitions.create(month);
        byte[] heldHash = randomHash();
        long held = insert(UUID.randomUUID(), month.atDay(3)).orElseThrow();
        passages.insertOccupants(held, month.atDay(3), List.of(occupant(heldHash, Disposition.FEVER_REFERRAL, 1),
                occupant(randomHash(), Disposition.RELEASED, 2)));
        UUID droppedClient = UUID.randomUUID();
        long dropped = insert(droppedClient, month.atDay(20)).orElseThrow();
        passages.insertOccupants(dropped, month.atDay(20), List.of(occupant(randomHash(), Disposition.HOME_OBSERVATION, 1)));
        Map<String, Long> before = talliesOf(month);
        assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isPositive();

        PassagePartitions.Dropped result = partitions.drop(month, List.of(heldHash)).orElseThrow();

        assertThat(result.passages()).isEqualTo(1);
        assertThat(result.occupants()).isEqualTo(1);
        assertThat(result.heldPassages()).isEqualTo(1);
        assertThat(count("select count(*) from pg_class where relname = ?", PassagePartitions.partition("passage", month))).isZero();
        assertThat(count("select count(*) from passage where id = ?", dropped)).isZero();
        assertThat(passages.findByClientId(droppedClient)).isEmpty();
        // the held passage and both its occupants (the fellow traveller too) are still there, under the same ids
        assertThat(partitionOf("passage", "id", held)).isEqualTo("passage_default");
        assertThat(passages.occupantsOf(List.of(held)).get(held)).hasSize(2);
        assertThat(talliesOf(month)).as("the month's figures").isEqualTo(before);
        assertThat(dailyCounts(month.atDay(20))).isEqualTo(1);
        assertThat(partitions.drop(month, List.of(heldHash))).as("dropped already").isEmpty();

        // once no longer held, the passage goes too; the figures stay
        PassagePartitions.Dropped purged = partitions.purgeDefault(month.plusMonths(1).atDay(1), List.of());
        assertThat(purged.passages()).isGreaterThanOrEqualTo(1);
        assertThat(count("select count(*) from passage where id = ?", held)).isZero();
        assertThat(talliesOf(month)).isEqualTo(before);
    }

    @Test
    void twoNodesCreatingTheSameMonthAtOnceCreateItOnce() throws Exception {
        YearMonth month = YearMonth.of(2043, 1 + ThreadLocalRandom.current().nextInt(12));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return partitions.create(month);
                }));
            }
            start.countDown();
            List<Boolean> created = new java.util.ArrayList<>();
            for (var r : results) {
                created.add(r.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(created).containsExactlyInAnyOrder(true, false);
            assertThat(count("select count(*) from pg_class where relname = ?", PassagePartitions.partition("occupant", month))).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            partitions.drop(month, List.of());
        }
    }

    @Test
    void thePreviousCurrentAndComingMonthsHavePartitions() {
        YearMonth current = YearMonth.from(today());
        partitions.createAhead(3);
        Set<YearMonth> stored = partitions.months().stream().map(PassagePartitions.StoredMonth::month)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        assertThat(stored).contains(current.minusMonths(1), current, current.plusMonths(1), current.plusMonths(2), current.plusMonths(3));
    }

    /** The passages counted per day and hour of the month, by checkpoint. */
    Map<String, Long> talliesOf(YearMonth month) {
        return checkpoints.passageTallies().stream().filter(t -> YearMonth.from(t.day()).equals(month))
                .collect(Collectors.toMap(t -> t.day() + " " + t.hour() + " " + t.checkpointCode(),
                        t -> t.passages() * 1_000_000 + t.people() * 1_000 + t.feverReferrals() * 10 + t.riskArrivals()));
    }

    long dailyCounts(LocalDate day) {
        return passages.dailyCounts(day, Set.of("KK03")).get(0).passages();
    }

    Optional<Long> insert(UUID clientId, LocalDate day) {
        Instant at = day.atTime(4, 0).toInstant(ZoneOffset.UTC);
        return passages.insertPassage(clientId, "KK03", Direction.ENTERING, null, VehicleType.PEDESTRIAN, "610802", null, true,
                at, day, "test");
    }

    static byte[] randomHash() {
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        return hash;
    }

    static PassageRepository.NewOccupant occupant(byte[] hash, Disposition disposition, int seq) {
        return new PassageRepository.NewOccupant(seq, "测试", org.cordon.shared.IdType.RESIDENT_ID,
                new byte[] {1}, hash, null, null, new BigDecimal("36.5"), Set.of(), false, false, disposition, null, null);
    }
}

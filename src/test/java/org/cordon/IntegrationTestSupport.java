package org.cordon;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Base class of all Spring integration tests. Every subclass must use exactly this configuration
 * (no extra {@code @MockitoBean}, {@code @TestPropertySource}, profiles, ...) so that a single cached
 * application context — and the one embedded PostgreSQL behind it — serves the whole test run.
 *
 * <p>The database is shared between test classes and never wiped during a run: tests use fresh
 * random client ids, ID numbers and plates, and compare counts before and after instead of
 * expecting absolute numbers.
 */
@SpringBootTest
@ActiveProfiles("test")
@AutoConfigureMockMvc
@org.springframework.context.annotation.Import(MockSessionJar.class)
public abstract class IntegrationTestSupport {

    /** Password of every demo account (see AccountsBootstrap). */
    protected static final String DEMO_PASSWORD = "demo";
    /** The city's time zone (cordon.time-zone); "today" and daily counts follow it. */
    protected static final ZoneId CITY_ZONE = ZoneId.of("Asia/Shanghai");

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final String PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected JdbcClient jdbc;

    /** HTTP Basic as one of the demo accounts. */
    protected static RequestPostProcessor as(String username) {
        return httpBasic(username, DEMO_PASSWORD);
    }

    /** Today in the city's time zone. */
    protected static LocalDate today() {
        return LocalDate.now(CITY_ZONE);
    }

    /** A valid resident ID number (Beijing 110105, random birth date and sequence) never handed out before in this JVM. */
    public static String randomIdNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            String first17 = String.format("110105%04d%02d%02d%03d", 1950 + r.nextInt(60), 1 + r.nextInt(12),
                    1 + r.nextInt(28), r.nextInt(1000));
            String id = withCheckChar(first17);
            if (USED.add(id)) {
                return id;
            }
        }
    }

    /** Appends the GB 11643-1999 check character (computed independently of the production code). */
    protected static String withCheckChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + CHECK_CHARS.charAt(sum % 11);
    }

    /** A valid mobile number not handed out before in this JVM. */
    protected static String randomPhone() {
        while (true) {
            String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            if (USED.add(phone)) {
                return phone;
            }
        }
    }

    /**
     * A valid ordinary plate ({@code 陕} + letter + 5 digits) that no stored passage has as a prefix
     * of its plate, so a search by it finds only this test's passages.
     */
    protected String freshPlate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (true) {
            String plate = "陕" + PLATE_LETTERS.charAt(r.nextInt(PLATE_LETTERS.length()))
                    + String.format("%05d", r.nextInt(100_000));
            if (USED.add(plate) && count("select count(*) from passage where plate_number like ?", plate + "%") == 0) {
                return plate;
            }
        }
    }

    protected static String newClientId() {
        return UUID.randomUUID().toString();
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    protected long passageRows() {
        return count("select count(*) from passage");
    }

    protected long occupantRows() {
        return count("select count(*) from occupant");
    }

    protected static String body(MvcResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a JSON value of a response body. */
    protected static <T> T read(MvcResult result, String path) {
        return JsonPath.read(body(result), path);
    }

    protected static long readLong(MvcResult result, String path) {
        return ((Number) read(result, path)).longValue();
    }
}

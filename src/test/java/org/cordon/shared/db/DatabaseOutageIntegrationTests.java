package org.cordon.shared.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The real embedded postmaster of the running platform is killed: requests are answered with 503
 * (problem details, Retry-After) within seconds, never 500 and never a 30 s hang; readiness goes
 * DOWN; the platform restarts its database by itself and serves again; a registration that was
 * not acknowledged during the outage is stored exactly once when the device repeats it.
 */
class DatabaseOutageIntegrationTests extends IntegrationTestSupport {

    @Autowired
    EmbeddedPostgresServer server;

    private String registration(String clientId) {
        return """
                {"clientId": "%s", "direction": "ENTERING", "plateNumber": "%s", "vehicleType": "CAR",
                 "originAreaCode": "420102", "destinationAreaCode": "610881106201", "disinfected": true,
                 "occupants": [{"name": "赵六", "idType": "RESIDENT_ID", "idNumber": "%s", "phone": "%s",
                                "temperature": 36.5, "symptoms": []}]}"""
                .formatted(clientId, freshPlate(), randomIdNumber(), randomPhone());
    }

    private MvcResult register(String json) throws Exception {
        return mvc.perform(post("/api/v1/checkpoints/KK01/passages").with(as("officer1"))
                .contentType(MediaType.APPLICATION_JSON).header("Accept-Language", "en").content(json)).andReturn();
    }

    @Test
    void anOutageIsAnsweredWith503AndTheDatabaseComesBackByItself() throws Exception {
        assertThat(mvc.perform(get("/api/v1/me").with(as("officer1"))).andReturn().getResponse().getStatus()).isEqualTo(200);
        String clientId = UUID.randomUUID().toString();
        String json = registration(clientId);
        long before = count("select count(*) from passage");

        server.holdRestarts(true);
        try {
            ProcessHandle postmaster = ProcessHandle.of(server.pid()).orElseThrow();
            List<ProcessHandle> backends = postmaster.children().toList();
            postmaster.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            postmaster.onExit().join();

            for (String[] call : new String[][] {{"POST", "/api/v1/checkpoints/KK01/passages"}, {"GET", "/api/v1/me"},
                    {"GET", "/api/v1/checkpoints/KK01/passages"}, {"GET", "/actuator/health/readiness"}}) {
                long begin = System.nanoTime();
                MvcResult result = call[0].equals("POST") ? register(json)
                        : mvc.perform(get(call[1]).with(as("commander")).header("Accept-Language", "en")).andReturn();
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                assertThat(result.getResponse().getStatus()).as(call[1]).isEqualTo(503);
                assertThat(took).as(call[1] + " answered quickly").isLessThan(Duration.ofSeconds(5));
                if (call[1].startsWith("/api")) {
                    assertThat(result.getResponse().getHeader("Retry-After")).as(call[1]).isNotBlank();
                    assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
                    assertThat(body(result)).contains("\"status\":503");
                }
            }
        } finally {
            server.holdRestarts(false);
        }

        // the watchdog restarts the server; the device repeats its registration with the same client id
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        MvcResult stored = null;
        while (System.nanoTime() < deadline) {
            MvcResult result = register(json);
            int status = result.getResponse().getStatus();
            assertThat(status).as("during recovery only 503 or success, never 500").isIn(201, 503);
            if (status == 201) {
                stored = result;
                break;
            }
            Thread.sleep(200);
        }
        assertThat(stored).as("serves again without a restart of the platform").isNotNull();
        assertThat(server.restarts()).isPositive();
        MvcResult again = register(json);
        assertThat(again.getResponse().getStatus()).isEqualTo(200);
        assertThat(readLong(again, "$.id")).isEqualTo(readLong(stored, "$.id"));
        assertThat(count("select count(*) from passage") - before).isEqualTo(1);
        assertThat(count("select count(*) from passage where client_id = ?::uuid", clientId)).isEqualTo(1);
        assertThat(mvc.perform(get("/actuator/health/readiness")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}

package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The one builder of problem details, as filters and Spring Security's handlers write them. */
class ProblemsTests {

    private final StaticMessageSource messages = new StaticMessageSource();

    ProblemsTests() {
        messages.addMessage("problem.unavailable", Locale.ENGLISH, "Service \"unavailable\"");
        messages.addMessage("problem.unavailable.detail", Locale.ENGLISH, "Try again in {0} seconds\nplease");
    }

    @Test
    void titleAndDetailComeFromTheMessagesInTheLanguage() {
        ProblemDetail problem = Problems.problem(messages, Locale.ENGLISH, HttpStatus.SERVICE_UNAVAILABLE, "urn:cordon:problem:unavailable",
                "problem.unavailable", 5);
        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getType()).hasToString("urn:cordon:problem:unavailable");
        assertThat(problem.getTitle()).isEqualTo("Service \"unavailable\"");
        assertThat(problem.getDetail()).isEqualTo("Try again in 5 seconds\nplease");
        assertThat(Problems.problem(messages, Locale.ENGLISH, HttpStatus.FORBIDDEN, null, "problem.missing").getTitle())
                .isEqualTo("Forbidden");
    }

    @Test
    void writtenAsProblemJsonWithTheRequestPathAndProperties() throws Exception {
        ProblemDetail problem = Problems.problem(messages, Locale.ENGLISH, HttpStatus.SERVICE_UNAVAILABLE, null, "problem.unavailable", 5);
        problem.setProperty("retryAfter", 5);
        MockHttpServletResponse response = new MockHttpServletResponse();
        Problems.write(problem, new MockHttpServletRequest("GET", "/api/v1/x"), response);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Service \\\"unavailable\\\"\","
                + "\"status\":503,\"detail\":\"Try again in 5 seconds\\nplease\",\"instance\":\"/api/v1/x\",\"retryAfter\":5}");
    }
}

package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;
import org.thymeleaf.ITemplateEngine;

/** The headers survive a later reset of the response (the outage answer), follow the failed request on an error dispatch, and allow the camera only where configured. */
class SecurityHeadersFilterTests {

    final SecurityHeadersFilter filter = new SecurityHeadersFilter(new SecurityHeadersSettings(List.of("/checkpoints/*/passages/new")));

    MockHttpServletResponse run(MockHttpServletRequest request, HttpServlet servlet, jakarta.servlet.Filter... inner) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        jakarta.servlet.Filter[] filters = new jakarta.servlet.Filter[inner.length + 1];
        filters[0] = filter;
        System.arraycopy(inner, 0, filters, 1, inner.length);
        new MockFilterChain(servlet, filters).doFilter(request, response);
        return response;
    }

    static final HttpServlet OK = new HttpServlet() {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(200);
        }
    };

    @Test
    void theOutageAnswerKeepsTheHeadersThoughItResetsTheResponse() throws Exception {
        DatabaseUnavailableFilter outage = new DatabaseUnavailableFilter(new StaticMessageSource(), new FixedLocaleResolver(Locale.ENGLISH),
                new StaticListableBeanFactory().getBeanProvider(ITemplateEngine.class));
        HttpServlet failing = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                resp.setHeader("Content-Security-Policy", "overwritten");
                throw new CannotGetJdbcConnectionException("pool timeout");
            }
        };
        MockHttpServletResponse page = run(new MockHttpServletRequest("GET", "/rules"), failing, outage);
        assertThat(page.getStatus()).isEqualTo(503);
        assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.PAGE_POLICY);
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(page.getHeader("Retry-After")).isEqualTo("5");
        MockHttpServletResponse api = run(new MockHttpServletRequest("GET", "/api/v1/me"), failing, outage);
        assertThat(api.getStatus()).isEqualTo(503);
        assertThat(api.getHeader("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.API_POLICY);
        assertThat(api.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void anErrorDispatchKeepsTheHeadersOfTheRequestThatFailed() throws Exception {
        MockHttpServletRequest error = new MockHttpServletRequest("GET", "/error");
        error.setDispatcherType(DispatcherType.ERROR);
        error.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/passages/1");
        assertThat(run(error, OK).getHeader("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.API_POLICY);
        error.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/rules");
        assertThat(run(error, OK).getHeader("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.PAGE_POLICY);
    }

    @Test
    void onlyTheConfiguredPagesMayUseTheCamera() throws Exception {
        assertThat(run(new MockHttpServletRequest("GET", "/checkpoints/KK01/passages/new"), OK).getHeader("Permissions-Policy"))
                .startsWith("camera=(self), ");
        for (String path : List.of("/checkpoints/KK01/passages", "/checkpoints", "/portal", "/api/v1/checkpoints/KK01/passages/new",
                "/checkpoints/KK01/passages/new/x")) {
            assertThat(run(new MockHttpServletRequest("GET", path), OK).getHeader("Permissions-Policy")).as(path).startsWith("camera=(), ");
        }
    }
}

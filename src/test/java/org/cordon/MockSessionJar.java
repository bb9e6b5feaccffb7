package org.cordon;

import java.util.List;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;

/**
 * MockMvc tests that carry a browser's session as a {@link MockHttpSession} ({@code .session(session)}) keep doing
 * so with sessions in the database (Spring Session JDBC, which never sees that object): the id of the stored session
 * is kept in the {@code MockHttpSession}, as a browser keeps it in its cookie. Every other request, and every real
 * HTTP request, goes by the session cookie as in production. The sessions themselves are stored, serialised and
 * read by Spring Session in every test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MockSessionJar {

    static final String ID = MockSessionJar.class.getName() + ".id";

    @Bean
    HttpSessionIdResolver mockSessionJarResolver(@org.springframework.beans.factory.annotation.Value(
            "${server.servlet.session.cookie.name}") String cookieName) {
        // Boot's own cookie serializer steps back once a resolver is defined; the real server's cookie attributes are
        // checked without this class (SecureCookieServerTests, the browser tests)
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName(cookieName);
        cookies.setSameSite("Lax");
        CookieHttpSessionIdResolver byCookie = new CookieHttpSessionIdResolver();
        byCookie.setCookieSerializer(cookies);
        return new HttpSessionIdResolver() {
            @Override
            public List<String> resolveSessionIds(HttpServletRequest request) {
                MockHttpSession jar = jar(request);
                if (jar != null && jar.getAttribute(ID) instanceof String id) {
                    return List.of(id);
                }
                return byCookie.resolveSessionIds(request);
            }

            @Override
            public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
                byCookie.setSessionId(request, response, sessionId);
                MockHttpSession jar = jar(request);
                if (jar != null) {
                    jar.setAttribute(ID, sessionId);
                }
            }

            @Override
            public void expireSession(HttpServletRequest request, HttpServletResponse response) {
                byCookie.expireSession(request, response);
                MockHttpSession jar = jar(request);
                if (jar != null) {
                    jar.removeAttribute(ID);
                }
            }
        };
    }

    /** Where Spring MVC keeps flash attributes in the session (SessionFlashMapManager). */
    static final String FLASH_MAPS = "org.springframework.web.servlet.support.SessionFlashMapManager.FLASH_MAPS";

    /**
     * Flash attributes given by a test ({@code .flashAttrs(...)}: MockMvc puts them into the request's
     * MockHttpSession) are moved into the stored session, where the page after a redirect finds them in production.
     * Runs just inside Spring Session's filter, so that {@code getSession()} is the stored session.
     */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> mockSessionJarFlash() {
        jakarta.servlet.Filter filter = (request, response, chain) -> {
            if (request instanceof HttpServletRequest http) {
                MockHttpSession jar = jar(http);
                Object flash = jar == null ? null : jar.getAttribute(FLASH_MAPS);
                if (flash != null) {
                    jar.removeAttribute(FLASH_MAPS);
                    http.getSession().setAttribute(FLASH_MAPS, flash);
                }
            }
            chain.doFilter(request, response);
        };
        org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> registration =
                new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
        registration.setOrder(org.springframework.session.web.http.SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    /** The MockHttpSession the test handed to the request, if any. */
    static MockHttpSession jar(HttpServletRequest request) {
        ServletRequest r = request;
        while (r instanceof HttpServletRequestWrapper w) {
            r = w.getRequest();
        }
        if (r instanceof MockHttpServletRequest mock) {
            HttpSession session = mock.getSession(false);
            return session instanceof MockHttpSession m ? m : null;
        }
        return null;
    }
}

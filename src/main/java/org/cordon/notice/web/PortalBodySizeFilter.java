package org.cordon.notice.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.cordon.notice.PortalSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses public-portal POSTs with a body larger than {@code cordon.portal.max-body-bytes} (413) before
 * anything reads it — also before the CSRF check parses the form. The forms themselves are a few hundred
 * bytes; per-field limits give the messages a person can act on.
 */
@Configuration(proxyBeanMethods = false)
class PortalBodySizeFilter {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> portalBodySizeLimit(PortalSettings settings) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return !"POST".equals(request.getMethod()) || !path.startsWith("/portal/");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long length = request.getContentLengthLong();
                if (length > settings.maxBodyBytes()) {
                    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
                    response.setContentType("text/html;charset=UTF-8");
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("""
                            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
                            <meta name="viewport" content="width=device-width, initial-scale=1"><title>413</title></head>
                            <body><h1>提交的内容过长</h1><p>请缩短填写的内容后重新提交。</p>
                            <h1 lang="en">The submission is too large</h1><p lang="en">Please shorten what you entered and submit again.</p>
                            <p><a href="/portal">公众服务 / Public portal</a></p></body></html>""");
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/portal/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.setName("portalBodySizeLimit");
        return registration;
    }
}

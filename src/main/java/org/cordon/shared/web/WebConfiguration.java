package org.cordon.shared.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.util.unit.DataSize;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.thymeleaf.ITemplateEngine;

/**
 * Languages: Simplified Chinese by default, English complete. Pages switch with {@code ?lang=en}
 * (remembered in a cookie); API clients without the cookie get the language of their
 * {@code Accept-Language} header when it is supported.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("cordon-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            String header = request.getHeader("Accept-Language");
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/") && StringUtils.hasText(header)) {
                try {
                    Locale best = Locale.lookup(Locale.LanguageRange.parse(header), SUPPORTED);
                    if (best != null) {
                        return best;
                    }
                } catch (IllegalArgumentException malformed) {
                    // a malformed header falls back to the default language
                }
            }
            return Locale.SIMPLIFIED_CHINESE;
        });
        return resolver;
    }

    /** Database outages become 503 answers; first of all filters, so that Spring Security's failures are covered too. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(MessageSource messages, LocaleResolver localeResolver,
                                                                              ObjectProvider<ITemplateEngine> templates) {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter(messages, localeResolver, templates));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);   // inside SecurityHeadersFilter, whose headers survive its reset
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    /** Uploads beyond the multipart limit are refused before any filter reads the body (see {@link UploadSizeFilter}). */
    @Bean
    FilterRegistrationBean<UploadSizeFilter> uploadSizeFilter(MessageSource messages, LocaleResolver localeResolver,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxRequestSize,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        FilterRegistrationBean<UploadSizeFilter> registration =
                new FilterRegistrationBean<>(new UploadSizeFilter(messages, localeResolver, maxRequestSize, maxFileSize));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The field app's service worker (static/sw.js) at the root, so that its scope is every page; never taken from a
     * cache without asking ({@code no-cache}), so that a new version reaches the devices with their next page.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/sw.js").addResourceLocations("classpath:/static/").setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }
}

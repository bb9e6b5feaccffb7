package org.cordon.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The static assets (Boot's own mappings are off: {@code spring.web.resources.add-mappings=false}):
 * <ul>
 *   <li>{@code /css/**}, {@code /js/**}, {@code /vendor/**} from {@code classpath:/static/}: with
 *       {@link AssetSettings#fingerprint()}, pages link them by a content hash in the file name
 *       ({@code /js/cordon-3f2a….js}; Thymeleaf's {@code @{...}} links go through Spring's
 *       {@code ResourceUrlEncodingFilter}), and such a versioned address is answered with
 *       {@code Cache-Control: max-age=31536000, public, immutable} ({@link ImmutableVersionedResources});</li>
 *   <li>{@code /webjars/**}: {@code /webjars/htmx.org/dist/htmx.min.js} is linked as
 *       {@code /webjars/htmx.org/2.0.10/dist/htmx.min.js} (webjars-locator-lite), which is immutable likewise;</li>
 *   <li>everything else under {@code classpath:/static/}, and the plain (unversioned) names of all of them, which
 *       scripts or pages rendered outside Spring MVC may use: {@code Cache-Control: no-cache}, so that a browser
 *       asks again and gets 304 Not Modified while the file is unchanged (Last-Modified).</li>
 * </ul>
 * The build writes Brotli copies of the platform's own scripts and styles ({@code src/build/Precompress.java}), sent to
 * browsers that accept them ({@link #brotli()}): a fifth to a half smaller than Tomcat's on-the-fly gzip, which still
 * compresses everything else (webjars included) for them and all of it for other clients.
 * Spring Security leaves these headers alone on static paths ({@code account.SecurityConfiguration}'s asset chain);
 * pages and the API keep its {@code no-store}.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetsConfiguration implements WebMvcConfigurer {

    /** The folders of classpath:/static/ whose files are linked by content-hashed names. */
    static final String[] VERSIONED_FOLDERS = {"css", "js", "vendor", "icons"};

    private final AssetSettings settings;

    StaticAssetsConfiguration(AssetSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        ResourceHandlerRegistration webjars = registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/");
        List<ResourceHandlerRegistration> own = new ArrayList<>();
        for (String folder : VERSIONED_FOLDERS) {
            own.add(registry.addResourceHandler("/" + folder + "/**").addResourceLocations("classpath:/static/" + folder + "/"));
        }
        ResourceHandlerRegistration other = registry.addResourceHandler("/**").addResourceLocations("classpath:/static/");
        if (!settings.fingerprint()) {
            // as before fingerprinting: plain names, no cache headers of the handler (Spring Security's no-store applies)
            webjars.resourceChain(true).addResolver(new LiteWebJarsResourceResolver());
            own.forEach(r -> r.resourceChain(true));
            other.resourceChain(true);
            return;
        }
        CacheControl immutable = CacheControl.maxAge(settings.immutableMaxAge().toSeconds(), TimeUnit.SECONDS)
                .cachePublic().immutable();
        webjars.setCacheControl(CacheControl.noCache()).resourceChain(true)
                .addResolver(ImmutableVersionedResources.webjars(immutable))
                .addResolver(new LiteWebJarsResourceResolver());
        for (ResourceHandlerRegistration registration : own) {
            registration.setCacheControl(CacheControl.noCache()).resourceChain(true)
                    .addResolver(ImmutableVersionedResources.contentHashed(immutable))
                    .addResolver(brotli())
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
        other.setCacheControl(CacheControl.noCache()).resourceChain(true);
    }

    /**
     * The build's {@code .br} copy for a browser that accepts Brotli. Only Brotli: Spring picks the first coding in the
     * browser's own order, and Chromium lists {@code gzip} before {@code br}; without a {@code .br} copy, or for a
     * client without Brotli, Tomcat's gzip applies.
     */
    private static EncodedResourceResolver brotli() {
        EncodedResourceResolver resolver = new EncodedResourceResolver();
        resolver.setContentCodings(List.of("br"));
        return resolver;
    }
}

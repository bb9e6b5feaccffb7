package org.cordon.shared.web;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.function.BiPredicate;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.resource.HttpResource;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.webjars.WebJarVersionLocator;

/**
 * Marks a static asset asked for by a versioned address as immutable: its answer carries
 * {@code Cache-Control: max-age=…, public, immutable}, which replaces the handler's {@code no-cache} (Spring's
 * {@code ResourceHttpRequestHandler} sets the headers of an {@link HttpResource} last). The same file asked for by its
 * plain name keeps {@code no-cache}: that address does not change when the file does.
 *
 * <p>It comes first in the chain, before the Brotli copy's resolver, so that both the plain and the {@code .br} answer of a
 * versioned address are marked. The versioned resource's own {@code ETag} (the content hash, a strong validator) is left out: Tomcat does not
 * compress a response with a strong ETag, and an immutable answer is never revalidated anyway (Last-Modified stays).
 */
final class ImmutableVersionedResources implements ResourceResolver {

    private final CacheControl immutable;
    private final BiPredicate<String, Resource> versioned;

    private ImmutableVersionedResources(CacheControl immutable, BiPredicate<String, Resource> versioned) {
        this.immutable = immutable;
        this.versioned = versioned;
    }

    /**
     * For a folder with content-hashed names: the request named a version when the file found has another name than
     * the one asked for ({@code cordon-3f2a….css} found as {@code cordon.css} by {@code VersionResourceResolver}).
     */
    static ImmutableVersionedResources contentHashed(CacheControl immutable) {
        return new ImmutableVersionedResources(immutable, (path, resource) -> {
            String asked = StringUtils.getFilename(path);
            String found = resource.getFilename();
            if (found != null && found.endsWith(".br")) {   // the build's Brotli copy (EncodedResourceResolver)
                found = found.substring(0, found.length() - 3);
            }
            return asked != null && !asked.equals(found);
        });
    }

    /** For webjars: the request named the webjar's version ({@code htmx.org/2.0.10/dist/htmx.min.js}). */
    static ImmutableVersionedResources webjars(CacheControl immutable) {
        WebJarVersionLocator locator = new WebJarVersionLocator();
        return new ImmutableVersionedResources(immutable, (path, resource) -> {
            String[] segments = path.split("/", 3);
            if (segments.length < 3) {
                return false;
            }
            String version = locator.version(segments[0]);
            return version != null && version.equals(segments[1]);
        });
    }

    @Override
    @Nullable
    public Resource resolveResource(@Nullable HttpServletRequest request, String requestPath, List<? extends Resource> locations,
                                    ResourceResolverChain chain) {
        Resource resource = chain.resolveResource(request, requestPath, locations);
        return resource != null && versioned.test(requestPath, resource) ? new Immutable(resource, immutable) : resource;
    }

    @Override
    @Nullable
    public String resolveUrlPath(String resourcePath, List<? extends Resource> locations, ResourceResolverChain chain) {
        return chain.resolveUrlPath(resourcePath, locations);
    }

    /** The resource with the immutable cache header; everything else is the wrapped resource's. */
    private static final class Immutable implements HttpResource {

        private final Resource resource;
        private final CacheControl cacheControl;

        Immutable(Resource resource, CacheControl cacheControl) {
            this.resource = resource;
            this.cacheControl = cacheControl;
        }

        @Override
        public HttpHeaders getResponseHeaders() {
            HttpHeaders headers = new HttpHeaders();
            if (resource instanceof HttpResource http) {
                headers.putAll(http.getResponseHeaders());
                headers.remove(HttpHeaders.ETAG);
            }
            headers.setCacheControl(cacheControl);
            return headers;
        }

        @Override
        public boolean exists() {
            return resource.exists();
        }

        @Override
        public boolean isReadable() {
            return resource.isReadable();
        }

        @Override
        public boolean isOpen() {
            return resource.isOpen();
        }

        @Override
        public boolean isFile() {
            return resource.isFile();
        }

        @Override
        public URL getURL() throws IOException {
            return resource.getURL();
        }

        @Override
        public URI getURI() throws IOException {
            return resource.getURI();
        }

        @Override
        public File getFile() throws IOException {
            return resource.getFile();
        }

        @Override
        public long contentLength() throws IOException {
            return resource.contentLength();
        }

        @Override
        public long lastModified() throws IOException {
            return resource.lastModified();
        }

        @Override
        public Resource createRelative(String relativePath) throws IOException {
            return resource.createRelative(relativePath);
        }

        @Override
        @Nullable
        public String getFilename() {
            return resource.getFilename();
        }

        /**
         * Not the wrapped resource's: Spring's resource chain caches transformed resources by their description
         * ({@code AbstractResource#equals}), and the same file asked for by its plain name must not get this one.
         */
        @Override
        public String getDescription() {
            return resource.getDescription() + " (versioned, immutable)";
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return resource.getInputStream();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Immutable i && i.getDescription().equals(getDescription());
        }

        @Override
        public int hashCode() {
            return getDescription().hashCode();
        }
    }
}

package org.cordon.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Refuses a multipart upload whose declared length is beyond {@code spring.servlet.multipart.max-file-size} (or
 * {@code max-request-size}, if smaller) before anything reads it: filters that read a request parameter (Spring Security's CSRF check on pages, the locale
 * interceptor) would make the servlet container parse the body and fail there, where no controller can answer in the
 * user's language. The API gets a localised 413 problem; a page is sent back to itself with {@code ?tooLarge}, which
 * the upload pages turn into a message at the file field. Uploads without a declared length (chunked) are checked
 * while parsed, and answered by {@link ApiExceptionHandler} or the page controllers.
 */
public class UploadSizeFilter extends OncePerRequestFilter {

    /** The query parameter a page gets back after a refused upload. */
    public static final String TOO_LARGE_PARAMETER = "tooLarge";

    private final MessageSource messages;
    private final LocaleResolver localeResolver;
    private final DataSize maxRequestSize;
    private final DataSize maxFileSize;

    UploadSizeFilter(MessageSource messages, LocaleResolver localeResolver, DataSize maxRequestSize, DataSize maxFileSize) {
        this.messages = messages;
        this.localeResolver = localeResolver;
        this.maxRequestSize = maxRequestSize;
        this.maxFileSize = maxFileSize;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // no file can be larger than the request: a request within the file limit never fails while parsed
        long length = request.getContentLengthLong();
        if (length <= Math.min(maxRequestSize.toBytes(), maxFileSize.toBytes())) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            Problems.write(Problems.problem(messages, localeResolver.resolveLocale(request), HttpStatus.CONTENT_TOO_LARGE,
                    "urn:cordon:problem:too-large", "problem.tooLarge", ApiExceptionHandler.uploadLimitMegabytes(maxFileSize)),
                    request, response);
        } else {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader("Location", request.getContextPath() + path + "?" + TOO_LARGE_PARAMETER);
        }
    }
}

package org.cordon.shared.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body but file uploads to {@code cordon.http.max-body-size} ({@link HttpLimitsSettings}):
 * a body whose declared length is larger is answered {@code 413} at once, before a byte of it is read; a body
 * without a declared length (chunked) is counted while it is read and reading fails with
 * {@link RequestBodyTooLargeException} past the limit (the API answers 413). {@code multipart/form-data} is left
 * to the multipart limits ({@code spring.servlet.multipart.*}).
 *
 * <p>It also has the container parse the query string and a form post's parameters at once: Tomcat 11 throws on
 * a malformed one (broken percent-encoding, invalid UTF-8, too many parameters) or one over its
 * {@code maxPostSize}, which would otherwise be a 500 wherever a parameter is first read (Spring Security's
 * CSRF check, a controller). Such requests are answered 400 or 413 here. Registered right after the database
 * outage and upload filters, before Spring Security, so that nobody's body is read beyond the limit, signed in or not.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final String TOO_LARGE_TYPE = "urn:cordon:problem:body-too-large";
    static final String MALFORMED_TYPE = "urn:cordon:problem:malformed-parameters";

    private final long limit;
    private final ProblemAnswers answers;

    RequestBodyLimitFilter(HttpLimitsSettings settings, ProblemAnswers answers) {
        this.limit = settings.maxBodySize().toBytes();
        this.answers = answers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response);
            return;
        }
        HttpServletRequest bounded = new BoundedRequest(request, limit);
        try {
            bounded.getParameterMap();
        } catch (InvalidParameterException e) {
            if (e.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
                tooLarge(request, response);
            } else {
                answers.answer(request, response, HttpStatus.BAD_REQUEST, MALFORMED_TYPE, "problem.malformedParameters");
            }
            return;
        } catch (IllegalStateException | IllegalArgumentException e) {
            answers.answer(request, response, HttpStatus.BAD_REQUEST, MALFORMED_TYPE, "problem.malformedParameters");
            return;
        }
        chain.doFilter(bounded, response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answers.answer(request, response, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE_TYPE, "problem.bodyTooLarge", String.valueOf(limit / 1024));
    }

    static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            return MediaType.MULTIPART_FORM_DATA.includes(MediaType.parseMediaType(type));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** A request whose body reads fail past the limit. */
    static final class BoundedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        BoundedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (reader != null) {
                throw new IllegalStateException("getReader() was called already");
            }
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (stream != null && reader == null) {
                throw new IllegalStateException("getInputStream() was called already");
            }
            if (reader == null) {
                stream = new BoundedStream(super.getInputStream(), limit);
                reader = new BufferedReader(new InputStreamReader(stream, charset()));
            }
            return reader;
        }

        private Charset charset() {
            String name = getCharacterEncoding();
            try {
                return name == null ? StandardCharsets.ISO_8859_1 : Charset.forName(name);
            } catch (IllegalArgumentException e) {   // unsupported or malformed charset name
                return StandardCharsets.UTF_8;
            }
        }
    }

    /** Counts the bytes read and fails past the limit. */
    static final class BoundedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        BoundedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private void count(long n) throws RequestBodyTooLargeException {
            if (n > 0) {
                read += n;
                if (read > limit) {
                    throw new RequestBodyTooLargeException(limit);
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public int readLine(byte[] buffer, int offset, int length) throws IOException {
            int n = in.readLine(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

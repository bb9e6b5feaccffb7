package org.cordon.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds of requests ({@code cordon.http.*}).
 *
 * @param maxBodySize the largest request body other than a file upload ({@code multipart/form-data}, bounded by
 *                    {@code spring.servlet.multipart.*}): JSON bodies and form posts. A larger body is answered
 *                    413 before it is read when its length is declared, and as soon as the limit is passed
 *                    while it is read when it is not (chunked). {@code server.tomcat.max-http-form-post-size}
 *                    follows it, so that Tomcat's own parsing of form posts stops at the same size.
 */
@ConfigurationProperties("cordon.http")
public record HttpLimitsSettings(@DefaultValue("256KB") DataSize maxBodySize) {

    public HttpLimitsSettings {
        if (maxBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("cordon.http.max-body-size must be at least 1KB, not " + maxBodySize);
        }
    }
}

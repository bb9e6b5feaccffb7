package org.cordon.shared.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security headers of every response ({@code cordon.security.headers.*}); see {@link SecurityHeadersFilter}.
 *
 * @param cameraPaths path patterns (Spring {@code PathPattern}, e.g. {@code /checkpoints/*}{@code /passages/new}) of the
 *                    pages that may use the camera ({@code Permissions-Policy: camera=(self)}): the checkpoint passage
 *                    entry form, for scanning QR codes; every other page is denied the camera
 */
@ConfigurationProperties("cordon.security.headers")
public record SecurityHeadersSettings(@DefaultValue({"/checkpoints/*/passages/new", "/checkpoints/*/passages"}) List<String> cameraPaths) {
}

package org.cordon.shared.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Key for personal data at rest ({@code cordon.crypto.*}).
 *
 * @param key           base64 of a 32-byte key; takes precedence over the key file
 * @param keyFile       file holding the base64 key
 * @param createKeyFile create the key file with a fresh random key when it is missing (demo profile)
 */
@ConfigurationProperties("cordon.crypto")
public record CryptoSettings(String key, Path keyFile, @DefaultValue("false") boolean createKeyFile) {
}

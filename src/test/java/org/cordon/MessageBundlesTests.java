package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The message bundles: Simplified Chinese (messages.properties, the default) and English
 * (messages_en.properties) must have the same keys, no empty values and the same placeholders.
 */
class MessageBundlesTests {

    static final Path RESOURCES = Path.of("src/main/resources");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    static Map<String, String> load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> messages = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> messages.put(key, properties.getProperty(key)));
        return messages;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        Map<String, String> zh = load("messages.properties");
        Map<String, String> en = load("messages_en.properties");

        Set<String> missingInEnglish = new TreeSet<>(zh.keySet());
        missingInEnglish.removeAll(en.keySet());
        Set<String> missingInChinese = new TreeSet<>(en.keySet());
        missingInChinese.removeAll(zh.keySet());

        assertThat(missingInEnglish).as("keys of messages.properties missing in messages_en.properties").isEmpty();
        assertThat(missingInChinese).as("keys of messages_en.properties missing in messages.properties").isEmpty();
        assertThat(zh).as("messages.properties").isNotEmpty();
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        for (String file : new String[] {"messages.properties", "messages_en.properties"}) {
            Set<String> empty = new TreeSet<>();
            load(file).forEach((key, value) -> {
                if (value.isBlank()) {
                    empty.add(key);
                }
            });
            assertThat(empty).as("keys with an empty value in " + file).isEmpty();
        }
    }

    @Test
    void bothLanguagesUseTheSamePlaceholders() throws IOException {
        Map<String, String> zh = load("messages.properties");
        Map<String, String> en = load("messages_en.properties");
        Set<String> different = new TreeSet<>();
        zh.forEach((key, value) -> {
            if (en.containsKey(key) && !placeholders(value).equals(placeholders(en.get(key)))) {
                different.add(key + " zh=" + placeholders(value) + " en=" + placeholders(en.get(key)));
            }
        });
        assertThat(different).as("messages whose placeholders differ between the languages").isEmpty();
    }

    static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            found.add("{" + m.group(1) + "}");
        }
        return found;
    }
}

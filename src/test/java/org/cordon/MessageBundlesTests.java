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
 * The message bundles (the basenames of {@code spring.messages.basename}): Simplified Chinese
 * ({@code X.properties}, the default) and English ({@code X_en.properties}) must have the same keys,
 * no empty values and the same placeholders; no key may be defined in two bundles.
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

    static final String[] BUNDLES = {"messages", "i18n/signin", "i18n/area", "i18n/registry", "i18n/observation", "i18n/roster", "i18n/command", "i18n/notice", "i18n/mobilization", "i18n/supplies", "i18n/dashboard", "i18n/security", "i18n/healthcode", "i18n/offline"};

    @Test
    void everyBundleIsConfigured() throws IOException {
        String configured = load("application.properties").get("spring.messages.basename");
        assertThat(configured.split(",")).containsExactlyInAnyOrder(BUNDLES);
    }

    @Test
    void noKeyIsDefinedTwice() throws IOException {
        Map<String, String> owner = new TreeMap<>();
        Set<String> twice = new TreeSet<>();
        for (String bundle : BUNDLES) {
            for (String key : load(bundle + ".properties").keySet()) {
                if (owner.putIfAbsent(key, bundle) != null) {
                    twice.add(key + " in " + owner.get(key) + " and " + bundle);
                }
            }
        }
        assertThat(twice).isEmpty();
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        for (String bundle : BUNDLES) {
            bothLanguagesHaveTheSameKeys(bundle);
        }
    }

    void bothLanguagesHaveTheSameKeys(String bundle) throws IOException {
        Map<String, String> zh = load(bundle + ".properties");
        Map<String, String> en = load(bundle + "_en.properties");

        Set<String> missingInEnglish = new TreeSet<>(zh.keySet());
        missingInEnglish.removeAll(en.keySet());
        Set<String> missingInChinese = new TreeSet<>(en.keySet());
        missingInChinese.removeAll(zh.keySet());

        assertThat(missingInEnglish).as("keys of " + bundle + ".properties missing in " + bundle + "_en.properties").isEmpty();
        assertThat(missingInChinese).as("keys of " + bundle + "_en.properties missing in " + bundle + ".properties").isEmpty();
    }

    /**
     * One message for a text that is too long, {@code validation.tooLong} (most allowed, characters sent), in
     * every module ({@code area.import.recordTooLong} and {@code directive.validation.assignee.branchTooLong} say more
     * than that).
     */
    @Test
    void oneMessageForTooLongTexts() throws IOException {
        Set<String> tooLong = new TreeSet<>();
        for (String bundle : BUNDLES) {
            load(bundle + ".properties").keySet().stream().filter(key -> key.endsWith(".tooLong"))
                    .forEach(tooLong::add);
        }
        assertThat(tooLong).containsExactly(org.cordon.shared.FieldProblem.TOO_LONG);
        assertThat(placeholders(load("messages.properties").get(org.cordon.shared.FieldProblem.TOO_LONG))).containsExactly("{0}", "{1}");
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        for (String file : java.util.Arrays.stream(BUNDLES).flatMap(b -> java.util.stream.Stream.of(b + ".properties", b + "_en.properties")).toList()) {
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
        Set<String> different = new TreeSet<>();
        for (String bundle : BUNDLES) {
        Map<String, String> zh = load(bundle + ".properties");
        Map<String, String> en = load(bundle + "_en.properties");
        zh.forEach((key, value) -> {
            if (en.containsKey(key) && !placeholders(value).equals(placeholders(en.get(key)))) {
                different.add(key + " zh=" + placeholders(value) + " en=" + placeholders(en.get(key)));
            }
        });
        }
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

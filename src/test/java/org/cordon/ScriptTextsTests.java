package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The platform's own scripts ({@code static/js}, and the service worker {@code static/sw.js}) hold no Chinese text: what a script shows comes from the message
 * bundles, rendered into the page (data attributes), so that the English page is English throughout.
 */
class ScriptTextsTests {

    static final Path SCRIPTS = Path.of("src/main/resources/static/js");
    /** The field app's service worker, at the root of the static files (its scope is every page). */
    static final Path SERVICE_WORKER = Path.of("src/main/resources/static/sw.js");
    static final Pattern CHINESE = Pattern.compile("[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]+");

    @Test
    void noScriptHoldsChineseText() throws IOException {
        List<String> found = new ArrayList<>();
        int scripts = 0;
        try (Stream<Path> files = Stream.concat(Files.list(SCRIPTS), Stream.of(SERVICE_WORKER))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
                scripts++;
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = CHINESE.matcher(lines.get(i));
                    if (m.find()) {
                        found.add(f.getFileName() + ":" + (i + 1) + " " + m.group());
                    }
                }
            }
        }
        assertThat(scripts).as("scripts in " + SCRIPTS).isGreaterThanOrEqualTo(4);
        assertThat(found).isEmpty();
    }
}

package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Jurisdiction filters are produced by {@link org.cordon.account.AreaScope} only: no main code outside it
 * writes a prefix {@code LIKE} on an area-code column, the reverse test ({@code ? like area_code || '%'}),
 * or its own escaping of {@code LIKE} wildcards. Reads the source tree, so it also sees SQL in strings.
 */
class AreaScopeArchitectureTests {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path AREA_SCOPE = MAIN.resolve(Path.of("org", "cordon", "account", "AreaScope.java"));

    /** {@code <something>code|area|ref<...> like|ilike} — e.g. {@code r.destination_code like ?}, {@code a.assignee_ref like :p}. */
    static final Pattern LIKE_ON_AREA_COLUMN =
            Pattern.compile("(?i)[\\w.]*(code|area|_ref)\\w*\\s+(i?like)\\b");
    /** {@code like area_code || '%'}: the reverse prefix test. */
    static final Pattern LIKE_AREA_COLUMN_PREFIX =
            Pattern.compile("(?i)\\bi?like\\s+[\\w.]*(code|area|_ref)\\w*\\s*\\|\\|");
    /** Hand-written escaping of a LIKE wildcard: {@code .replace("%", "\\%")}, {@code .replace("_", "\\_")}. */
    static final Pattern HAND_ESCAPE =
            Pattern.compile("replace\\(\\s*\"[%_]\"\\s*,\\s*\"\\\\\\\\[%_]\"\\s*\\)");

    @Test
    void onlyAreaScopeWritesAreaPrefixConditions() throws IOException {
        assertThat(Files.isDirectory(MAIN)).as("source tree %s (tests run from the project directory)", MAIN.toAbsolutePath()).isTrue();
        assertThat(AREA_SCOPE).exists();
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).filter(p -> !p.equals(AREA_SCOPE)).forEach(p -> {
                List<String> lines = read(p);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (offends(line)) {
                        offences.add(MAIN.relativize(p) + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            });
        }
        assertThat(offences)
                .as("area-prefix filters must come from org.cordon.account.AreaScope (condition/pattern/covers)")
                .isEmpty();
    }

    @Test
    void theRuleRecognisesHandWrittenFilters() {
        assertThat(offends("where r.destination_code like ?")).isTrue();
        assertThat(offends("and e.area_code like :area and e.status in (:statuses)")).isTrue();
        assertThat(offends("or c.town_code LIKE :prefix)")).isTrue();
        assertThat(offends("a.assignee_ref like :areaPrefix")).isTrue();
        assertThat(offends("where a.code like ? and a.kind = 'VILLAGE'")).isTrue();
        assertThat(offends("s.area_code like :prefix || '%'")).isTrue();
        assertThat(offends("post_area_code ilike '61%'")).isTrue();
        assertThat(offends("and ? like area_code || '%'")).isTrue();
        assertThat(offends("code.replace(\"\\\\\", \"\\\\\\\\\").replace(\"%\", \"\\\\%\").replace(\"_\", \"\\\\_\")")).isTrue();

        assertThat(offends("p.plate_number like :plate")).isFalse();
        assertThat(offends("(p.name % :name or p.name like :contains)")).isFalse();
        assertThat(offends("name.replace(\"%\", \"\").replace(\"_\", \"\")")).isFalse();
        assertThat(offends("where \" + scope.condition(\"e.area_code\", \"area\") + \" and")).isFalse();
    }

    private static boolean offends(String line) {
        return LIKE_ON_AREA_COLUMN.matcher(line).find() || LIKE_AREA_COLUMN_PREFIX.matcher(line).find()
                || HAND_ESCAPE.matcher(line).find();
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

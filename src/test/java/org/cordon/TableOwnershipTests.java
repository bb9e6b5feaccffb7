package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each module owns its tables (its migrations live in {@code db/migration/<module>}): no module's SQL names a table
 * that another module's migration creates,
 * except the area tree and divisions, which the {@code area} module publishes as reference data. Reads the
 * migrations (who creates which table) and the SQL in each module's string literals. There are none left
 * ({@link #KNOWN_CROSSINGS} is empty; it held 20 when the test was written): a new one fails the test.
 */
class TableOwnershipTests {

    static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    static final Path MAIN = Path.of("src", "main", "java", "org", "cordon");

    /** Published reference data every module may read. */
    static final Set<String> REFERENCE = Set.of("area", "division");

    /** "reader -> table (owner)" crossings tolerated: none. */
    static final Set<String> KNOWN_CROSSINGS = Set.of();

    static final Pattern CREATE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_]+)");
    static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    static final Pattern TABLE_USE = Pattern.compile("(?i)\\b(?:from|join|into|update|exists\\s*\\(\\s*select\\s+1\\s+from)\\s+([a-z_]+)\\b");

    /** Table → module, from the migration folder that creates it ({@code db/migration/<module>/V…sql}). */
    Map<String, String> tableOwners() throws IOException {
        Map<String, String> owners = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MIGRATIONS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Path rel = MIGRATIONS.relativize(f);
                assertThat(rel.getNameCount()).as("migration %s lies in its module's folder", rel).isEqualTo(2);
                String owner = rel.getName(0).toString();
                assertThat(MAIN.resolve(owner)).as("folder %s names a module", owner).isDirectory();
                Matcher m = CREATE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    owners.put(m.group(1).toLowerCase(), owner);
                }
            }
        }
        return owners;
    }

    Set<String> crossings(Map<String, String> owners) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                String module = rel.getName(0).toString();
                Matcher literal = LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (literal.find()) {
                    String sql = literal.group(1) != null ? literal.group(1) : literal.group(2);
                    Matcher use = TABLE_USE.matcher(sql);
                    while (use.find()) {
                        String table = use.group(1).toLowerCase();
                        String owner = owners.get(table);
                        if (owner != null && !owner.equals(module) && !REFERENCE.contains(table) && !owner.equals("shared")) {
                            found.add(module + " -> " + table + " (" + owner + ")");
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noModuleNamesAnotherModulesTablesBeyondTheKnownOnes() throws IOException {
        assertThat(Files.isDirectory(MIGRATIONS)).as("tests run from the project directory").isTrue();
        Map<String, String> owners = tableOwners();
        assertThat(owners).hasSizeGreaterThanOrEqualTo(60).containsEntry("observation_episode", "observation");
        Set<String> found = crossings(owners);
        System.out.println("Cross-module table references: " + found.size() + " " + found);
        Set<String> added = new TreeSet<>(found);
        added.removeAll(KNOWN_CROSSINGS);
        Set<String> gone = new TreeSet<>(KNOWN_CROSSINGS);
        gone.removeAll(found);
        assertThat(added).as("new SQL references to another module's tables: read through its API or its events").isEmpty();
        assertThat(gone).as("crossings removed: delete them from KNOWN_CROSSINGS").isEmpty();
    }

    @Test
    void theRuleSeesSqlInStringsAndTextBlocks() {
        Matcher m = TABLE_USE.matcher("select p.* from person p join returnee r on r.person_id = p.id where exists (select 1 from person_area a)");
        Set<String> tables = new TreeSet<>();
        while (m.find()) {
            tables.add(m.group(1));
        }
        assertThat(tables).containsExactly("person", "person_area", "returnee");
    }
}

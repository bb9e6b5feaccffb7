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
 * Issue 16: no staff form asks for a typed code. Every text field of the templates whose name is a place or checkpoint
 * code (areaCode, area, codePrefix, checkpointCodes, parentCode, origin…, destination code/town/area) must be a picker
 * ({@code fragments/picker}: {@code data-picker}); the only typed code left is the one a new area node is given
 * ({@code data-assigned-code}, prefilled with the next free one). The public portal's forms are selects already.
 */
class TypedCodeFormsTests {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\\s(?:name|th:name|th:field)=\"([^\"]*)\"");
    private static final Pattern TYPE = Pattern.compile("\\stype=\"([^\"]*)\"");
    private static final Pattern CODE_NAME = Pattern.compile(
            "(?i).*(areacode|^area$|codeprefix|checkpointcodes?|parentcode|origin(code|province|city|county)?|"
            + "destination(code|town|area)|divisioncode)\\W*$");

    @Test
    void noStaffFormHasATypedCode() throws IOException {
        List<String> typed = new ArrayList<>();
        int pickers = 0;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String html = Files.readString(file, StandardCharsets.UTF_8);
                Matcher input = INPUT.matcher(html);
                while (input.find()) {
                    String tag = input.group();
                    Matcher type = TYPE.matcher(tag);
                    String kind = type.find() ? type.group(1) : "text";
                    if (List.of("hidden", "checkbox", "radio", "date", "time", "submit").contains(kind)) {
                        continue;
                    }
                    if (tag.contains("data-picker")) {
                        pickers++;
                        continue;
                    }
                    Matcher name = NAME.matcher(tag);
                    String field = name.find() ? name.group(1).replaceAll("[${}*' +]", "") : "";
                    if (CODE_NAME.matcher(field).matches() && !tag.contains("data-assigned-code")) {
                        typed.add(TEMPLATES.relativize(file) + ": " + tag.replaceAll("\\s+", " "));
                    }
                }
            }
        }
        assertThat(typed).as("typed codes on forms (use fragments/picker)").isEmpty();
        assertThat(pickers).as("the picker itself is found by the scan").isGreaterThan(0);
    }

    @Test
    void theScanSeesATypedCode() {
        // the scan's own check: a typed area code and a risk-area prefix are caught, a picker is not
        assertThat(CODE_NAME.matcher("areaCode").matches()).isTrue();
        assertThat(CODE_NAME.matcher("codePrefix").matches()).isTrue();
        assertThat(CODE_NAME.matcher("checkpointCodes").matches()).isTrue();
        assertThat(CODE_NAME.matcher("area").matches()).isTrue();
        assertThat(CODE_NAME.matcher("destinationAddress").matches()).isFalse();
        assertThat(CODE_NAME.matcher("leftRiskAreaOn").matches()).isFalse();
    }
}

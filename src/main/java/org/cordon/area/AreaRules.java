package org.cordon.area;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The rules a node of the area tree obeys, shared by the admin forms, the API and the import: code
 * inside the city and one level below its parent, kind valid for the level, name and counts.
 * Field names of the problems are the import file's column names.
 */
@Component
class AreaRules {

    static final String CITY_CODE = "610881";
    static final int MAX_NAME_LENGTH = 100;
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");

    private final Map<String, AreaKind> kindAliases = new HashMap<>();

    AreaRules(MessageSource messages) {
        for (AreaKind kind : AreaKind.values()) {
            kindAliases.put(kind.name(), kind);
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                String label = messages.getMessage("areaKind." + kind.name(), null, null, locale);
                if (label != null) {
                    kindAliases.putIfAbsent(label.trim().toUpperCase(Locale.ROOT), kind);
                }
            }
        }
    }

    /**
     * Validates a node to insert or update. Adds every problem found to {@code problems}.
     *
     * @param parentExists whether a node with the given code exists (in the database or earlier in the file)
     * @return the node (not yet stored, {@code sample = false}), or null when a problem was found
     */
    Area validate(NewArea input, Predicate<String> parentExists, List<FieldProblem> problems) {
        int before = problems.size();
        String code = trim(input.code());
        String parent = trim(input.parentCode());
        boolean codeOk = false;
        if (code.isEmpty()) {
            problems.add(new FieldProblem("code", "area.validation.code.required"));
        } else if (!DIGITS.matcher(code).matches() || (code.length() != 9 && code.length() != 12 && code.length() != 15)) {
            problems.add(new FieldProblem("code", "area.validation.code.format", code));
        } else if (!code.startsWith(CITY_CODE)) {
            problems.add(new FieldProblem("code", "area.validation.code.outsideCity", code, CITY_CODE));
        } else {
            codeOk = true;
        }
        if (parent.isEmpty()) {
            problems.add(new FieldProblem("parentCode", "area.validation.parent.required"));
        } else if (codeOk) {
            String expected = code.substring(0, code.length() - 3);
            if (!parent.equals(expected)) {
                problems.add(new FieldProblem("parentCode", "area.validation.parent.mismatch", code, parent, expected));
            } else if (!parentExists.test(parent)) {
                problems.add(new FieldProblem("parentCode", "area.validation.parent.unknown", parent));
            }
        }
        AreaKind kind = null;
        String kindText = trim(input.kind());
        if (kindText.isEmpty()) {
            problems.add(new FieldProblem("kind", "area.validation.kind.required"));
        } else {
            kind = kindAliases.get(kindText.toUpperCase(Locale.ROOT));
            if (kind == null || kind == AreaKind.CITY) {
                problems.add(new FieldProblem("kind", "area.validation.kind.unknown", kindText, kindList(Set.of(AreaKind.values()))));
                kind = null;
            } else if (codeOk && kind.codeLength() != code.length()) {
                problems.add(new FieldProblem("kind", "area.validation.kind.level", kind.name(), String.valueOf(code.length()),
                        kindList(AreaKind.forCodeLength(code.length()))));
            }
        }
        String name = name(input.name(), problems);
        Integer households = count("households", input.households(), problems);
        Integer residents = count("residents", input.residents(), problems);
        if (problems.size() > before) {
            return null;
        }
        return new Area(code, name, kind, parent, households, residents, false);
    }

    /** A required name of at most 100 characters, trimmed, without invisible characters; null with a problem otherwise. */
    String name(String raw, List<FieldProblem> problems) {
        String name = trim(raw);
        if (name.isEmpty()) {
            problems.add(new FieldProblem("name", "area.validation.name.required"));
            return null;
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            problems.add(FieldProblem.tooLong("name", MAX_NAME_LENGTH, name));
            return null;
        }
        return TextRules.checkName("name", name, problems) ? name : null;
    }

    /** Empty for "not recorded", otherwise a non-negative integer; null with a problem when invalid. */
    Integer count(String field, String raw, List<FieldProblem> problems) {
        String text = trim(raw);
        if (text.isEmpty()) {
            return null;
        }
        // spreadsheets often store whole numbers as "450.0"
        if (text.endsWith(".0")) {
            text = text.substring(0, text.length() - 2);
        }
        if (!COUNT.matcher(text).matches()) {
            problems.add(new FieldProblem(field, "area.validation.count.format", trim(raw)));
            return null;
        }
        return Integer.valueOf(text);
    }

    private static String kindList(Set<AreaKind> kinds) {
        return kinds.stream().filter(k -> k != AreaKind.CITY).sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}

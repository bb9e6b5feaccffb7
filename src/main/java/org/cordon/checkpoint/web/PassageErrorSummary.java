package org.cordon.checkpoint.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cordon.shared.web.FormDialect;
import org.springframework.context.MessageSource;

/**
 * The list at the top of a rejected passage form: one line per message, "Occupant 3 · ID number: …", each a link to
 * the message next to its field (whose control the page's script then focuses), so that the errors of occupants 2
 * and 3, far below on a phone, are seen and reached at once.
 */
final class PassageErrorSummary {

    /** One line: the anchor of the message paragraph (null when the page shows the message only here) and its text. */
    record Line(String anchor, String text) {
    }

    private static final Pattern OCCUPANT = Pattern.compile("occupants\\[(\\d+)]\\.(\\w+)");
    /** The fields whose message the page shows next to the field (fragments/field :: error). */
    private static final Map<String, String> FORM_FIELDS = Map.of("plateNumber", "passage.plateNumber",
            "originAreaCode", "passage.origin", "destinationAreaCode", "passage.destination");
    private static final Map<String, String> OCCUPANT_FIELDS = Map.of("idNumber", "occupant.idNumber", "name", "occupant.name",
            "phone", "occupant.phone", "temperature", "occupant.temperature", "healthCode", "scan.button");

    private PassageErrorSummary() {
    }

    static List<Line> of(Map<String, String> errors, MessageSource messages, Locale locale) {
        List<Line> lines = new ArrayList<>();
        errors.forEach((field, message) -> {
            Matcher m = OCCUPANT.matcher(field);
            if (m.matches()) {
                String labelKey = OCCUPANT_FIELDS.get(m.group(2));
                String label = labelKey == null ? "" : messages.getMessage(labelKey, null, "", locale);
                String who = messages.getMessage("passage.summary.occupant", new Object[] {Integer.parseInt(m.group(1)) + 1}, locale);
                lines.add(new Line(labelKey == null ? null : FormDialect.errorId(field),
                        line(messages, locale, who + (label.isEmpty() ? "" : " · " + label), message)));
            } else if (FORM_FIELDS.containsKey(field)) {
                lines.add(new Line(FormDialect.errorId(field), line(messages, locale, messages.getMessage(FORM_FIELDS.get(field), null, locale), message)));
            } else {
                lines.add(new Line(field.equals("occupants") || field.equals("clientId") ? FormDialect.errorId(field) : null, message));
            }
        });
        return lines;
    }

    private static String line(MessageSource messages, Locale locale, String what, String message) {
        return messages.getMessage("passage.summary.line", new Object[] {what, message}, locale);
    }
}

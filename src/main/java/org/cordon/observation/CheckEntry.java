package org.cordon.observation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cordon.checkpoint.Symptom;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.Temperature;

/** A check as entered, parsed: the slot, the temperature, the symptoms and the note. */
record CheckEntry(LocalDate day, CheckSlot slot, Temperature temperature, Set<Symptom> symptoms, String note) {

    /**
     * Parses a check for {@code day}; a missing slot is {@code currentSlot}. Adds the problems of the slot, the
     * temperature, the symptoms and the note (at most 500 characters); with problems the entry is not to be used.
     */
    static CheckEntry parse(CheckRequest request, LocalDate day, CheckSlot currentSlot, List<FieldProblem> problems) {
        CheckSlot slot = currentSlot;
        if (request.slot() != null && !request.slot().isBlank()) {
            try {
                slot = CheckSlot.valueOf(request.slot().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                problems.add(new FieldProblem("slot", "validation.enum", request.slot(), "MORNING, EVENING"));
            }
        }
        Temperature temperature = null;
        try {
            temperature = Temperature.parse(request.temperature());
        } catch (InvalidValueException ex) {
            problems.add(new FieldProblem("temperature", ex.messageCode(), ex.args()));
        }
        Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
        if (request.symptoms() != null) {
            for (String s : request.symptoms()) {
                try {
                    symptoms.add(Symptom.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (RuntimeException ex) {
                    problems.add(new FieldProblem("symptoms", "validation.enum", s, "FEVER, COUGH, FATIGUE, SHORTNESS_OF_BREATH"));
                }
            }
        }
        String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
        if (note != null && note.codePointCount(0, note.length()) > 500) {
            problems.add(FieldProblem.tooLong("note", 500, note));
        }
        return new CheckEntry(day, slot, temperature, symptoms, note);
    }

    /** A temperature at or above the fever threshold or any symptom is abnormal. */
    boolean abnormal(BigDecimal feverThreshold) {
        return temperature.atLeast(feverThreshold) || !symptoms.isEmpty();
    }
}

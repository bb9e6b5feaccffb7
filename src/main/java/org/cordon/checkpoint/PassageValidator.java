package org.cordon.checkpoint;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.PlateNumber;
import org.cordon.shared.Temperature;
import org.cordon.shared.TypedInput;
import org.cordon.shared.ValidationFailedException;

/**
 * Checks a whole passage and collects every problem with its field path, so the officer fixes
 * everything in one go. Pure: look-ups are passed in. The origin is stored as the current code the
 * resolver answers (an old division code such as 610821 becomes 610881; {@code US} becomes {@code ISO:US}).
 */
final class PassageValidator {

    static final int MAX_OCCUPANTS = 80;
    static final int MAX_NAME_LENGTH = 50;
    static final Duration MAX_FUTURE = Duration.ofMinutes(10);
    static final Duration MAX_AGE = Duration.ofDays(7);

    /** A passage whose every value is valid and normalised. */
    record ValidPassage(Direction direction, PlateNumber plate, VehicleType vehicleType, String originCode,
                        String destinationCode, boolean disinfected, Instant recordedAt, List<ValidOccupant> occupants) {
    }

    record ValidOccupant(String name, IdNumber idNumber, PhoneNumber phone, Temperature temperature, Set<Symptom> symptoms,
                         boolean riskAreaStay, boolean caseContact, boolean turnedBack) {
    }

    private final Function<String, Optional<String>> origins;
    private final Predicate<String> areaExists;

    /**
     * @param origins    the current division code meant by an origin as typed, empty when there is none
     *                   ({@code AreaManagement.resolveOrigin})
     * @param areaExists whether an area-tree code exists (destinations)
     */
    PassageValidator(Function<String, Optional<String>> origins, Predicate<String> areaExists) {
        this.origins = origins;
        this.areaExists = areaExists;
    }

    ValidPassage validate(PassageRequest request, Instant now, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.clientId() == null) {
            problems.add(new FieldProblem("clientId", "validation.required"));
        }
        Direction direction = parseEnum(Direction.class, request.direction(), "direction", problems);
        VehicleType vehicleType = parseEnum(VehicleType.class, request.vehicleType(), "vehicleType", problems);

        PlateNumber plate = null;
        if (!TypedInput.blank(request.plateNumber())) {
            try {
                plate = PlateNumber.parse(request.plateNumber());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("plateNumber", e.messageCode(), e.args()));
            }
        } else if (vehicleType != null && vehicleType.needsPlate()) {
            problems.add(new FieldProblem("plateNumber", "validation.plate.required"));
        }

        String typedOrigin = TypedInput.code(request.originAreaCode());
        String origin = null;
        if (typedOrigin == null) {
            problems.add(new FieldProblem("originAreaCode", "validation.origin.required"));
        } else {
            origin = origins.apply(typedOrigin).orElse(null);
            if (origin == null) {
                problems.add(new FieldProblem("originAreaCode", "validation.origin.unknown", shown(typedOrigin)));
            }
        }

        String destination = TypedInput.code(request.destinationAreaCode());
        if (destination == null) {
            if (direction == Direction.ENTERING) {
                problems.add(new FieldProblem("destinationAreaCode", "validation.destination.required"));
            }
        } else if (!areaExists.test(destination)) {
            problems.add(new FieldProblem("destinationAreaCode", "validation.destination.unknown", destination));
        }

        Instant recordedAt = request.recordedAt() == null ? now : request.recordedAt().toInstant();
        if (recordedAt.isAfter(now.plus(MAX_FUTURE))) {
            problems.add(new FieldProblem("recordedAt", "validation.recordedAt.future"));
        } else if (recordedAt.isBefore(now.minus(MAX_AGE))) {
            problems.add(new FieldProblem("recordedAt", "validation.recordedAt.tooOld", MAX_AGE.toDays()));
        }

        List<ValidOccupant> occupants = new ArrayList<>();
        List<PassageRequest.OccupantRequest> requested = request.occupants() == null ? List.of() : request.occupants();
        if (requested.isEmpty()) {
            problems.add(new FieldProblem("occupants", "validation.occupants.required"));
        } else if (requested.size() > MAX_OCCUPANTS) {
            problems.add(new FieldProblem("occupants", "validation.occupants.tooMany", MAX_OCCUPANTS));
        }
        Set<String> seenIds = new HashSet<>();
        for (int i = 0; i < requested.size() && i < MAX_OCCUPANTS; i++) {
            ValidOccupant occupant = validateOccupant(requested.get(i), "occupants[" + i + "].", today, problems);
            if (occupant != null) {
                if (!seenIds.add(occupant.idNumber().type() + ":" + occupant.idNumber().value())) {
                    problems.add(new FieldProblem("occupants[" + i + "].idNumber", "validation.idNumber.duplicate"));
                }
                occupants.add(occupant);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        return new ValidPassage(direction, plate, vehicleType, origin, destination,
                Boolean.TRUE.equals(request.disinfected()), recordedAt, occupants);
    }

    private ValidOccupant validateOccupant(PassageRequest.OccupantRequest o, String prefix, LocalDate today,
                                           List<FieldProblem> problems) {
        int before = problems.size();
        if (o == null) {
            problems.add(new FieldProblem(prefix.substring(0, prefix.length() - 1), "validation.required"));
            return null;
        }
        String name = trim(o.name());
        if (name == null) {
            problems.add(new FieldProblem(prefix + "name", "validation.name.required"));
        } else if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            problems.add(FieldProblem.tooLong(prefix + "name", MAX_NAME_LENGTH, name));
        } else {
            TextRules.checkName(prefix + "name", name, problems);
        }
        IdType idType = o.idType() == null || o.idType().isBlank() ? IdType.RESIDENT_ID
                : parseEnum(IdType.class, o.idType(), prefix + "idType", problems);
        IdNumber id = null;
        if (idType != null) {
            try {
                id = IdNumber.parse(idType, o.idNumber(), today);
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem(prefix + "idNumber", e.messageCode(), e.args()));
            }
        }
        PhoneNumber phone = null;
        if (!TypedInput.blank(o.phone())) {
            try {
                phone = PhoneNumber.parse(o.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem(prefix + "phone", e.messageCode(), e.args()));
            }
        }
        Temperature temperature = null;
        try {
            temperature = Temperature.parse(o.temperature());
        } catch (InvalidValueException e) {
            problems.add(new FieldProblem(prefix + "temperature", e.messageCode(), e.args()));
        }
        Set<Symptom> symptoms = EnumSet.noneOf(Symptom.class);
        if (o.symptoms() != null) {
            for (String s : o.symptoms()) {
                Symptom symptom = parseEnum(Symptom.class, s, prefix + "symptoms", problems);
                if (symptom != null) {
                    symptoms.add(symptom);
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new ValidOccupant(name, id, phone, temperature, symptoms, Boolean.TRUE.equals(o.riskAreaStay()),
                Boolean.TRUE.equals(o.caseContact()), Boolean.TRUE.equals(o.turnedBack()));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "validation.required"));
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.isEmpty() ? "" : ", ").append(constant.name());
            }
            problems.add(new FieldProblem(field, "validation.enum", value, allowed.toString()));
            return null;
        }
    }

    /** A typed value quoted in a message, cut to a readable length. */
    private static String shown(String typed) {
        return typed.length() > 12 ? typed.substring(0, 12) + "…" : typed;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}

package org.cordon.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.cordon.shared.FieldChecks;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.TextRules;
import org.cordon.shared.IdNumber;
import org.cordon.shared.IdType;
import org.cordon.shared.InvalidValueException;
import org.cordon.shared.PhoneNumber;
import org.cordon.shared.TypedInput;

/**
 * Checks a returnee registration (form, API or roster row) and collects every problem with its
 * field. Pure: existence checks are passed in. ID numbers, phones and codes are normalised by the shared
 * {@link TypedInput} (through the value types) before they are checked, the same for every path.
 */
final class ReturneeValidator {

    static final int MAX_TEXT = 200;

    /** A request whose values are all valid and normalised. */
    record Valid(PersonData person, String originCode, LocalDate leftRiskAreaOn, LocalDate arrivedOn,
                 TransportMode transportMode, String transportDetail, String companions, String destinationCode,
                 String destinationAddress) {
    }

    /** Either a valid registration or the problems found. */
    record Result(Valid valid, List<FieldProblem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Function<String, Optional<String>> origins;
    private final Predicate<String> areaExists;

    /**
     * @param origins    the current division code meant by an origin as typed, empty when there is none
     *                   ({@code AreaManagement.resolveOrigin}: old codes such as 610821 become 610881, US becomes ISO:US)
     * @param areaExists whether an area-tree code exists (destinations)
     */
    ReturneeValidator(Function<String, Optional<String>> origins, Predicate<String> areaExists) {
        this.origins = origins;
        this.areaExists = areaExists;
    }

    Result validate(ReturneeRequest r, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        // rows of a roster file come here without the API's check of every text: a control character is refused
        // before any value is looked up (PostgreSQL cannot even compare a text holding NUL)
        for (String[] text : new String[][] {{"name", r.name()}, {"idType", r.idType()}, {"idNumber", r.idNumber()},
                {"nationality", r.nationality()}, {"phone", r.phone()}, {"originCode", r.originCode()},
                {"transportMode", r.transportMode()}, {"transportDetail", r.transportDetail()}, {"companions", r.companions()},
                {"destinationCode", r.destinationCode()}, {"destinationAddress", r.destinationAddress()}}) {
            TextRules.controlProblem(text[0], text[1]).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        String name = trim(r.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "validation.required"));
        } else if (name.codePointCount(0, name.length()) > 50) {
            problems.add(FieldProblem.tooLong("name", 50, name));
        } else {
            TextRules.checkName("name", name, problems);
        }
        IdType idType = IdType.RESIDENT_ID;
        if (trim(r.idType()) != null) {
            try {
                idType = IdType.valueOf(r.idType().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("idType", "validation.enum", r.idType(), "RESIDENT_ID, PASSPORT, OTHER"));
                idType = null;
            }
        }
        IdNumber id = null;
        if (idType != null) {
            try {
                id = IdNumber.parse(idType, r.idNumber(), today);
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("idNumber", e.messageCode(), e.args()));
            }
        }
        String nationality = "";
        if (idType == IdType.PASSPORT && trim(r.nationality()) != null) {
            nationality = r.nationality().trim().toUpperCase(Locale.ROOT);
            if (!nationality.matches("[A-Z]{3}")) {
                problems.add(new FieldProblem("nationality", "validation.nationality"));
            }
        }
        PhoneNumber phone = null;
        if (!TypedInput.blank(r.phone())) {
            try {
                phone = PhoneNumber.parse(r.phone());
            } catch (InvalidValueException e) {
                problems.add(new FieldProblem("phone", e.messageCode(), e.args()));
            }
        }
        String typedOrigin = TypedInput.code(r.originCode());
        String origin = typedOrigin == null ? null : origins.apply(typedOrigin).orElse(null);
        if (typedOrigin != null && origin == null) {
            problems.add(new FieldProblem("originCode", "validation.origin.unknown",
                    typedOrigin.length() > 12 ? typedOrigin.substring(0, 12) + "…" : typedOrigin));
        }
        LocalDate arrived = r.arrivedOn();
        if (arrived == null) {
            problems.add(new FieldProblem("arrivedOn", "validation.required"));
        } else if (arrived.isAfter(today)) {
            problems.add(new FieldProblem("arrivedOn", "validation.date.future"));
        } else if (!FieldChecks.checkDate(arrived, "arrivedOn", problems)) {
            arrived = null;
        }
        FieldChecks.checkDate(r.leftRiskAreaOn(), "leftRiskAreaOn", problems);
        if (r.leftRiskAreaOn() != null && arrived != null && r.leftRiskAreaOn().isAfter(arrived)) {
            problems.add(new FieldProblem("leftRiskAreaOn", "validation.returnee.leftAfterArrival"));
        }
        TransportMode mode = null;
        if (trim(r.transportMode()) != null) {
            try {
                mode = TransportMode.valueOf(r.transportMode().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("transportMode", "validation.enum", r.transportMode(),
                        "SELF_DRIVE, TRAIN, FLIGHT, BUS, OTHER"));
            }
        }
        String destination = TypedInput.code(r.destinationCode());
        if (destination == null) {
            problems.add(new FieldProblem("destinationCode", "validation.returnee.destination"));
        } else if (!areaExists.test(destination)) {
            problems.add(new FieldProblem("destinationCode", "validation.destination.unknown", destination));
        }
        for (String[] text : new String[][] {{"transportDetail", r.transportDetail()}, {"companions", r.companions()},
                {"destinationAddress", r.destinationAddress()}}) {
            if (text[1] != null && text[1].length() > MAX_TEXT) {
                problems.add(FieldProblem.tooLong(text[0], MAX_TEXT, text[1]));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new Valid(new PersonData(id, nationality, name, phone, null, trim(r.destinationAddress())), origin,
                r.leftRiskAreaOn(), arrived, mode, trim(r.transportDetail()), trim(r.companions()), destination,
                trim(r.destinationAddress())), List.of());
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

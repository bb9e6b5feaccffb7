package org.cordon.area.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cordon.account.CordonUser;
import org.cordon.area.AreaKind;
import org.cordon.area.PlaceOption;
import org.cordon.area.PlaceSearch;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The search of the place pickers ({@code fragments/picker}): {@code /ref/places} answers the options as an HTML
 * fragment for the page's picker (static/js/cordon.js), {@code /api/v1/ref/places} the same as JSON. {@code source}
 * is {@code area} (the city's area tree inside the caller's scope) or {@code division} (provinces, cities, counties,
 * abroad and the countries); {@code kinds} narrows an area search to some kinds ({@code TOWN,STREET}). An unknown
 * source or kind answers 400.
 */
@Controller
@Tag(name = "Reference data")
class PlacePickerController {

    private final PlaceSearch search;

    PlacePickerController(PlaceSearch search) {
        this.search = search;
    }

    @GetMapping("/ref/places")
    String options(@AuthenticationPrincipal CordonUser user, @RequestParam(required = false) String source,
                   @RequestParam(required = false) String q, @RequestParam(required = false) String kinds, Model model, Locale locale) {
        List<PlaceOption> options = find(user, source, q, kinds, locale);
        model.addAttribute("options", options);
        model.addAttribute("searched", q != null && !q.isBlank());
        return "fragments/picker :: options";
    }

    @GetMapping(path = "/api/v1/ref/places", produces = "application/json")
    @ResponseBody
    @Operation(summary = "Places by name, pinyin initials or code (the pickers' search)",
            description = "source=area: the area tree inside the caller's area scope (the whole city for accounts without an "
                    + "area, such as checkpoint officers); kinds narrows it (TOWN,STREET,VILLAGE,COMMUNITY,GROUP,COMPOUND,"
                    + "ENTERPRISE,CITY). source=division: provinces, cities, counties, abroad (ISO) and the countries "
                    + "(ISO:US). q is matched against the name, its pinyin initials (sjc finds 孙家岔镇; a polyphonic "
                    + "character matches any of its readings), its whole pinyin, English names and code prefixes. At most "
                    + PlaceSearch.MAX_RESULTS + " results, best first; blank q gives none. The API's own fields keep taking codes.")
    List<PlaceOption> api(@AuthenticationPrincipal CordonUser user,
                          @Parameter(description = "area or division") @RequestParam String source,
                          @RequestParam(required = false) String q, @RequestParam(required = false) String kinds, Locale locale) {
        return find(user, source, q, kinds, locale);
    }

    private List<PlaceOption> find(CordonUser user, String source, String q, String kinds, Locale locale) {
        String s = source == null ? "" : source.strip();
        return switch (s) {
            case "area" -> search.areas(user, q, kinds(kinds));
            case "division" -> {
                if (kinds != null && !kinds.isBlank()) {
                    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "kinds applies to source=area only");
                }
                yield search.divisions(q, locale);
            }
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "source must be area or division");
        };
    }

    private static Set<AreaKind> kinds(String kinds) {
        Set<AreaKind> set = EnumSet.noneOf(AreaKind.class);
        if (kinds == null || kinds.isBlank()) {
            return set;
        }
        if (kinds.length() > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "kinds too long");
        }
        for (String k : kinds.split(",")) {
            if (k.isBlank()) {
                continue;
            }
            try {
                set.add(AreaKind.valueOf(k.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown area kind " + k.strip());
            }
        }
        return set;
    }
}

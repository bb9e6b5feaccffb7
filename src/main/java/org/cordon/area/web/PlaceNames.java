package org.cordon.area.web;

import java.util.List;

import org.cordon.area.AreaManagement;
import org.springframework.stereotype.Component;

/**
 * What a picker shows for the code it holds ({@code @placeNames.area(code)} in templates): the name of an area, the
 * path of a division in the page's language; the code itself when it names nothing (a code typed into a rejected
 * form stays visible), empty for none.
 */
@Component("placeNames")
public class PlaceNames {

    private final AreaManagement areas;

    PlaceNames(AreaManagement areas) {
        this.areas = areas;
    }

    public String area(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String c = code.strip();
        String name = areas.areaNames(List.of(c)).get(c);
        return name == null ? c : name;
    }

    /** A place name's pinyin keys, for a list's search as you type ({@code @placeNames.searchKeys(e.areaName)}). */
    public String searchKeys(String placeName) {
        return org.cordon.area.PlaceSearch.searchKeys(placeName);
    }

    public String division(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String c = code.strip();
        if (!c.matches("\\d{2}(\\d{2}){0,2}|ISO(:[A-Z]{2})?")) {
            return c;   // not a division code: shown as typed
        }
        return areas.divisionPaths(List.of(c)).getOrDefault(c, c);
    }
}

package org.cordon.observation.web;

import java.util.ArrayList;
import java.util.List;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.area.Area;
import org.cordon.area.AreaManagement;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The place-of-residence picker of the close-contact and site forms — the area tree's two-step picker the checkpoint
 * destination uses ({@code /ref/area-options}): a town or street office of the user's area, then (htmx) its villages,
 * communities, groups and compounds. A user whose area is a town or below picks inside it. Nothing is preselected
 * unless a form brings a value (a traveller's destination, a rejected form): never the whole city.
 */
@Component
class ResidencePicker {

    private final AreaManagement areas;

    ResidencePicker(AreaManagement areas) {
        this.areas = areas;
    }

    /**
     * Puts {@code towns}, {@code townAreas}, {@code pickedTown} and {@code pickedArea} in the model.
     *
     * @param picked the code chosen before (or suggested); ignored when outside the user's area
     */
    void fill(CordonUser user, String picked, Model model) {
        String root = user.jurisdiction().areaCode();
        List<Area> towns = new ArrayList<>();
        if (root != null) {
            if (root.length() <= 6) {
                towns.addAll(areas.children(root));
            } else {
                areas.findArea(root).ifPresent(towns::add);
            }
        }
        String town = towns.size() == 1 ? towns.get(0).code() : null;
        String area = null;
        if (picked != null && !picked.isBlank() && root != null && AreaScope.of(user).covers(picked.trim())) {
            String code = picked.trim();
            for (Area t : towns) {
                if (code.startsWith(t.code())) {
                    town = t.code();
                    area = code.equals(t.code()) ? null : code;
                }
            }
        }
        model.addAttribute("towns", towns);
        model.addAttribute("townAreas", town == null ? List.of() : areas.descendants(town));
        model.addAttribute("pickedTown", town);
        model.addAttribute("pickedArea", area);
    }

    /** The code a submitted picker names: the village, group or compound chosen, else the town; null when neither. */
    static String picked(String town, String area) {
        if (area != null && !area.isBlank()) {
            return area.trim();
        }
        return town == null || town.isBlank() ? null : town.trim();
    }
}

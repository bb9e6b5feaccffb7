package org.cordon.area;

/**
 * One answer of the place pickers ({@link PlaceSearch}): what the form posts ({@code code}) and what the person reads.
 *
 * @param code    the area code or division code the form sends
 * @param name    the place's own name in the page's language ({@code 孙家岔镇}, {@code United States})
 * @param context the places above it ({@code 神木市}, {@code 湖北省 武汉市}), empty at the top
 * @param kind    for areas the {@link AreaKind} name; for divisions {@code PROVINCE}, {@code CITY}, {@code COUNTY},
 *                {@code ABROAD} or {@code COUNTRY}
 */
public record PlaceOption(String code, String name, String context, String kind) {

    /** Name and context as one line ({@code 湖北省 武汉市 江岸区}). */
    public String label() {
        return context == null || context.isEmpty() ? name : context + " " + name;
    }
}

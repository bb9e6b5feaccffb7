package org.cordon.area;

import java.util.Locale;

/**
 * A division that can be an origin: a division of China (GB/T 2260 / NBS codes: level 1 province, 2 digits;
 * level 2 city, 4 digits; level 3 county, 6 digits), Hong Kong ({@code 81}), Macao ({@code 82}) and Taiwan
 * ({@code 71}) as provinces without subdivisions, or abroad: the pseudo-province {@value #ABROAD} (境外, level 1)
 * whose children are the countries of ISO 3166-1, coded {@value #COUNTRY_PREFIX} + alpha-2 ({@code ISO:US}, level 2).
 *
 * @param nameEn English display name where there is one (Hong Kong, Macao, Taiwan, abroad, countries); null for
 *               the divisions of the mainland, which are shown by their Chinese name in both languages
 */
public record Division(String code, String name, int level, String parentCode, String nameEn) {

    /** Code of the pseudo-province "abroad"; a risk area with this code covers every country. */
    public static final String ABROAD = "ISO";
    /** Prefix of country codes: {@code ISO:} + ISO 3166-1 alpha-2. */
    public static final String COUNTRY_PREFIX = "ISO:";

    /** The name to show: the English one for English pages where there is one, else the Chinese one. */
    public String displayName(Locale locale) {
        return nameEn != null && locale != null && "en".equals(locale.getLanguage()) ? nameEn : name;
    }

    /** True for "abroad" and the countries. */
    public boolean abroad() {
        return isAbroad(code);
    }

    /** True when an origin code is "abroad" or a country ({@code ISO}, {@code ISO:US}); false for null. */
    public static boolean isAbroad(String code) {
        return code != null && code.startsWith(ABROAD);
    }
}

package org.cordon.shared;

import java.util.regex.Pattern;

/**
 * The kind of a vehicle plate, told from its format (plates as written on the plate, separators removed,
 * upper case). Formats, from the public descriptions of GA 36 (motor-vehicle plates, 2018 edition and the
 * plates still in use in 2020), the armed police's 2012 plates, the emergency-rescue plates of 2018 and the
 * tractor plates of the agricultural-machinery authorities; {@code P} is a province abbreviation
 * ({@code 京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼}), {@code L} a letter without I and O,
 * {@code C} a letter or digit without I and O, {@code d} a digit:
 * <ul>
 *   <li>{@link #ORDINARY}: {@code P L CCCCC} (陕K12345);</li>
 *   <li>{@link #NEW_ENERGY}: {@code P L [DF] C dddd} small vehicle (陕KD12345), {@code P L ddddd [DF]} large (陕K12345D);</li>
 *   <li>{@link #TRAILER}, {@link #LEARNER}, {@link #POLICE}: {@code P L CCCC} + 挂 / 学 / 警 (陕K1234挂); police plates
 *       may have the letter O (the province's own bodies: 浙O1234警);</li>
 *   <li>{@link #HONG_KONG_MACAO}: cross-border vehicles, {@code 粤Z CCCC} + 港 / 澳 (粤Z1234港);</li>
 *   <li>{@link #CONSULATE}: {@code P L dddd 领} (沪A1234领);</li>
 *   <li>{@link #EMBASSY}: {@code 使} + 3-digit mission code + 3-digit serial (使224001);</li>
 *   <li>{@link #MILITARY}: People's Liberation Army, two letters + 5 digits, the first letter one of
 *       {@code A B C G H J K L N Q S V} (branch, former military region or theatre: KA12345, VA00001);</li>
 *   <li>{@link #ARMED_POLICE}: {@code WJ} + optional province + 5 digits, or 4 digits and a service letter
 *       (WJ12345, WJ京12345, WJ粤1234X); the 2007 plates with a two-digit region code are accepted too (WJ0112345,
 *       WJ01T1234);</li>
 *   <li>{@link #EMERGENCY}: fire and rescue (国家综合性消防救援), {@code P C dddd 应急} (川X1234应急), motorcycles
 *       {@code 应急 P ddd C};</li>
 *   <li>{@link #AGRICULTURAL}: tractors, {@code P dd CCCCC}: province, two-digit issuing-authority code and a
 *       five-character serial (陕08·12345).</li>
 * </ul>
 * The formats do not overlap, so the kind of a valid plate is unique.
 */
public enum PlateKind {
    ORDINARY("<P>[A-HJ-NP-Z]<C>{5}"),
    NEW_ENERGY("<P>[A-HJ-NP-Z](?:[DF]<C>\\d{4}|\\d{5}[DF])"),
    TRAILER("<P>[A-HJ-NP-Z]<C>{4}挂"),
    LEARNER("<P>[A-HJ-NP-Z]<C>{4}学"),
    POLICE("<P>[A-HJ-Z]<C>{4}警"),
    HONG_KONG_MACAO("粤Z<C>{4}[港澳]"),
    CONSULATE("<P>[A-HJ-NP-Z]\\d{4}领"),
    EMBASSY("使\\d{6}"),
    MILITARY("[ABCGHJKLNQSV][A-HJ-NP-Z]\\d{5}"),
    ARMED_POLICE("WJ(?:<P>?(?:\\d{5}|\\d{4}[A-HJ-NP-Z])|\\d{2}(?:\\d{5}|[A-HJ-NP-Z]\\d{4}))"),
    EMERGENCY("(?:<P><C>\\d{4}应急|应急<P>\\d{3}<C>)"),
    AGRICULTURAL("<P>\\d{2}<C>{5}");

    private static final String PROVINCES = "[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]";
    private static final String CHAR = "[A-HJ-NP-Z0-9]";

    private final Pattern pattern;

    PlateKind(String format) {
        this.pattern = Pattern.compile(format.replace("<P>", PROVINCES).replace("<C>", CHAR));
    }

    /**
     * The kind of a normalised plate (no separators, upper case), or null when it has none of the formats.
     */
    public static PlateKind of(String plate) {
        if (plate == null) {
            return null;
        }
        for (PlateKind kind : values()) {
            if (kind.pattern.matcher(plate).matches()) {
                return kind;
            }
        }
        return null;
    }
}

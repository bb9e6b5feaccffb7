package org.cordon.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a roster (造册) spreadsheet, in template order. A column is recognised by its
 * Chinese header, its English field name or an alias, ignoring case, blanks (also no-break, ideographic and
 * zero-width spaces), a required-marker {@code *} and anything in brackets ({@code 证件号码（必填）}); the header row
 * is looked for with these labels by {@link org.cordon.shared.tabular.HeaderSearch}.
 */
enum RosterColumn {

    NAME("name", "姓名", true),
    ID_TYPE("idType", "证件类型", false),
    ID_NUMBER("idNumber", "证件号码", true, "身份证号", "身份证号码", "证件号"),
    NATIONALITY("nationality", "国籍", false),
    PHONE("phone", "手机号", false, "手机号码", "联系电话", "电话"),
    ORIGIN_CODE("originCode", "来源地代码", false),
    LEFT_RISK_AREA_ON("leftRiskAreaOn", "离开风险地区日期", false),
    ARRIVED_ON("arrivedOn", "抵达日期", true, "到达日期"),
    TRANSPORT_MODE("transportMode", "交通方式", false),
    TRANSPORT_DETAIL("transportDetail", "车牌/车次/航班", false, "车牌车次航班", "车牌号/车次/航班号"),
    COMPANIONS("companions", "同行人员", false),
    DESTINATION_CODE("destinationCode", "目的地代码", true),
    DESTINATION_ADDRESS("destinationAddress", "详细地址", false);

    private static final Map<String, RosterColumn> BY_HEADER = new HashMap<>();
    private static final Map<String, String> ID_TYPES = Map.of(
            "居民身份证", "RESIDENT_ID", "身份证", "RESIDENT_ID", "护照", "PASSPORT", "其他证件", "OTHER", "其他", "OTHER");
    private static final Map<String, String> TRANSPORT_MODES = Map.ofEntries(
            Map.entry("自驾", "SELF_DRIVE"), Map.entry("自驾车", "SELF_DRIVE"), Map.entry("私家车", "SELF_DRIVE"),
            Map.entry("火车", "TRAIN"), Map.entry("高铁", "TRAIN"), Map.entry("动车", "TRAIN"),
            Map.entry("飞机", "FLIGHT"), Map.entry("航班", "FLIGHT"),
            Map.entry("客车", "BUS"), Map.entry("大巴", "BUS"), Map.entry("长途客车", "BUS"),
            Map.entry("其他", "OTHER"));
    /** Chinese labels written to templates and exports (accepted again on import). */
    static final Map<String, String> ID_TYPE_LABELS = Map.of("RESIDENT_ID", "居民身份证", "PASSPORT", "护照", "OTHER", "其他证件");
    static final Map<String, String> TRANSPORT_LABELS = Map.of("SELF_DRIVE", "自驾", "TRAIN", "火车", "FLIGHT", "飞机",
            "BUS", "客车", "OTHER", "其他");

    static {
        for (RosterColumn c : values()) {
            BY_HEADER.put(normalise(c.field), c);
            BY_HEADER.put(normalise(c.header), c);
            for (String alias : c.aliases) {
                BY_HEADER.put(normalise(alias), c);
            }
        }
    }

    private final String field;
    private final String header;
    private final boolean required;
    private final List<String> aliases;

    RosterColumn(String field, String header, boolean required, String... aliases) {
        this.field = field;
        this.header = header;
        this.required = required;
        this.aliases = List.of(aliases);
    }

    /** English field name, as in {@link ReturneeRequest} and the validator's problems. */
    String field() {
        return field;
    }

    /** Chinese header of the template. */
    String header() {
        return header;
    }

    boolean required() {
        return required;
    }

    boolean isDate() {
        return this == LEFT_RISK_AREA_ON || this == ARRIVED_ON;
    }

    /** The column a header cell names, or null for a column the roster does not know (it is ignored). */
    static RosterColumn forHeader(String text) {
        return text == null ? null : BY_HEADER.get(normalise(text));
    }

    static RosterColumn forField(String field) {
        for (RosterColumn c : values()) {
            if (c.field.equals(field)) {
                return c;
            }
        }
        return null;
    }

    /** An ID type as the validator expects it: Chinese labels become codes, anything else is passed on. */
    static String idType(String value) {
        return value == null ? null : ID_TYPES.getOrDefault(value.strip(), value);
    }

    /** A transport mode as the validator expects it: Chinese labels become codes, anything else is passed on. */
    static String transportMode(String value) {
        return value == null ? null : TRANSPORT_MODES.getOrDefault(value.strip(), value);
    }

    static String normalise(String header) {
        String s = header.replaceAll("[\\p{Cf}]", "")
                .replaceAll("[（(\\[【].*?[）)\\]】]", "")
                .replaceAll("[\\s\\p{Z}*＊:：]", "");
        return s.toLowerCase(Locale.ROOT);
    }
}

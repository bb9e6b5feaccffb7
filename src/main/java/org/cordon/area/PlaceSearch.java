package org.cordon.area;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Permission;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search behind the place pickers: areas of the city's tree and national divisions (origins, risk areas) found
 * by name, by pinyin initials ({@code sjc} → 孙家岔镇), by whole pinyin ({@code sunjia}), by English name (countries,
 * Hong Kong …) or by code prefix. Answers are bounded ({@link #MAX_RESULTS}), best first: a name equal to the text,
 * then names starting with it, then initials or pinyin starting with it, then names, initials or codes containing it;
 * higher levels before lower ones.
 *
 * <p>Areas are searched inside the caller's area scope; a caller without an area (a checkpoint officer, whose
 * destinations lie anywhere in the city) searches the whole tree, which is reference data. Divisions are the same for
 * everyone. Blank or over-long text ({@value #MAX_QUERY} characters) answers nothing.
 */
@Service
@Transactional(readOnly = true)
public class PlaceSearch {

    public static final int MAX_RESULTS = 20;
    public static final int MAX_QUERY = 40;

    private final JdbcClient jdbc;
    private volatile List<Entry> divisions;

    PlaceSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Entry(String code, String name, String nameEn, String kind, int level, String parentCode) {
    }

    /**
     * The pinyin keys of a place name, for a page's search as you type over a list it shows already (the work list):
     * its initials and whole pinyin, every reading of a polyphonic character, separated by spaces ({@code 孙家岔镇} →
     * {@code "sjcz sunjiachazhen"}). Nothing personal is ever passed here: place names only.
     */
    public static String searchKeys(String placeName) {
        PinyinKeys.Keys keys = PinyinKeys.of(placeName);
        java.util.StringJoiner out = new java.util.StringJoiner(" ");
        keys.initials().forEach(out::add);
        keys.spelled().forEach(out::add);
        return out.toString();
    }

    /**
     * Areas inside the caller's scope matching the text.
     *
     * @param kinds the kinds offered; null or empty for all
     * @return at most {@link #MAX_RESULTS} options, never null
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<PlaceOption> areas(CordonUser user, String text, Set<AreaKind> kinds) {
        String q = PinyinKeys.normalise(text);
        if (q.isEmpty() || q.length() > MAX_QUERY || user == null) {
            return List.of();
        }
        String root = user.jurisdiction().areaCode();
        AreaScope scope = AreaScope.subtree(root == null || root.isBlank() ? "" : root);
        List<Entry> rows = jdbc.sql("select code, name, kind, parent_code from area where " + scope.condition("code") + " order by code")
                .param(scope.pattern())
                .query((rs, n) -> new Entry(rs.getString("code"), rs.getString("name"), null, rs.getString("kind"),
                        rs.getString("code").length(), rs.getString("parent_code")))
                .list();
        Map<String, String> names = new HashMap<>();
        rows.forEach(r -> names.put(r.code(), r.name()));
        Set<AreaKind> offered = kinds == null || kinds.isEmpty() ? EnumSet.allOf(AreaKind.class) : kinds;
        List<Scored> found = new ArrayList<>();
        for (Entry r : rows) {
            if (!offered.contains(AreaKind.valueOf(r.kind()))) {
                continue;
            }
            int score = score(q, r.code(), r.name(), null);
            if (score >= 0) {
                found.add(new Scored(r, score));
            }
        }
        return best(found).stream().map(s -> new PlaceOption(s.entry().code(), s.entry().name(),
                areaContext(s.entry(), names), s.entry().kind())).toList();
    }

    /**
     * National divisions matching the text: provinces, cities, counties, "abroad" and the countries.
     *
     * @param locale the page's language (English names of countries, Hong Kong, Macao, Taiwan); null for Chinese
     * @return at most {@link #MAX_RESULTS} options, never null
     */
    @SystemOperation
    public List<PlaceOption> divisions(String text, Locale locale) {
        String q = PinyinKeys.normalise(text);
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            return List.of();
        }
        List<Entry> all = allDivisions();
        Map<String, Entry> byCode = new HashMap<>();
        all.forEach(d -> byCode.put(d.code(), d));
        List<Scored> found = new ArrayList<>();
        for (Entry d : all) {
            if (d.level() == 2 && d.name().equals("市辖区")) {
                continue;
            }
            int score = score(q, d.code(), d.name(), d.nameEn());
            if (score >= 0) {
                found.add(new Scored(d, score));
            }
        }
        return best(found).stream().map(s -> {
            Entry d = s.entry();
            return new PlaceOption(d.code(), shown(d, locale), divisionContext(d, byCode, locale), d.kind());
        }).toList();
    }

    private record Scored(Entry entry, int score) {
    }

    private static List<Scored> best(List<Scored> found) {
        found.sort(Comparator.comparingInt(Scored::score).thenComparingInt(s -> s.entry().level())
                .thenComparing(s -> s.entry().code()));
        return found.size() > MAX_RESULTS ? found.subList(0, MAX_RESULTS) : found;
    }

    /** How well a place matches: 0 best … 5, or -1 for no match. */
    static int score(String q, String code, String name, String nameEn) {
        String n = PinyinKeys.normalise(name);
        String en = nameEn == null ? "" : PinyinKeys.normalise(nameEn);
        if (n.equals(q) || en.equals(q)) {
            return 0;
        }
        if (n.startsWith(q) || (!en.isEmpty() && en.startsWith(q))) {
            return 1;
        }
        boolean ascii = q.chars().allMatch(c -> c < 0x80);
        PinyinKeys.Keys keys = ascii ? PinyinKeys.of(name) : null;
        if (ascii && (keys.initials().stream().anyMatch(k -> k.startsWith(q)) || keys.spelled().stream().anyMatch(k -> k.startsWith(q)))) {
            return 2;
        }
        if (code.toLowerCase(Locale.ROOT).startsWith(q)) {
            return 3;
        }
        if (n.contains(q) || (!en.isEmpty() && en.contains(q))) {
            return 4;
        }
        if (ascii && q.length() >= 2 && keys.initials().stream().anyMatch(k -> k.contains(q))) {
            return 5;
        }
        return -1;
    }

    private static String areaContext(Entry area, Map<String, String> names) {
        // the parents inside the searched subtree, nearest last: 神木市 孙家岔镇
        List<String> parts = new ArrayList<>();
        String parent = area.parentCode();
        int guard = 0;
        while (parent != null && names.containsKey(parent) && guard++ < 6) {
            parts.add(0, names.get(parent));
            parent = parentOf(parent);
        }
        return String.join(" ", parts);
    }

    /** The area tree's parent code: the code without its last level (3 digits below the city's 6). */
    private static String parentOf(String code) {
        return code.length() > 6 ? code.substring(0, code.length() - 3) : null;
    }

    private static String divisionContext(Entry d, Map<String, Entry> byCode, Locale locale) {
        List<String> parts = new ArrayList<>();
        String parent = d.parentCode();
        int guard = 0;
        while (parent != null && guard++ < 4) {
            Entry p = byCode.get(parent);
            if (p == null) {
                break;
            }
            if (!(p.level() == 2 && p.name().equals("市辖区"))) {
                parts.add(0, shown(p, locale));
            }
            parent = p.parentCode();
        }
        return String.join(" ", parts);
    }

    private static String shown(Entry d, Locale locale) {
        return d.nameEn() != null && locale != null && "en".equals(locale.getLanguage()) ? d.nameEn() : d.name();
    }

    /** The divisions change only with a migration: read once. */
    private List<Entry> allDivisions() {
        List<Entry> cached = divisions;
        if (cached == null) {
            cached = jdbc.sql("select code, name, name_en, level, parent_code from division order by code")
                    .query((rs, n) -> {
                        String code = rs.getString("code");
                        int level = rs.getInt("level");
                        String kind = Division.isAbroad(code) ? (level == 1 ? "ABROAD" : "COUNTRY")
                                : switch (level) { case 1 -> "PROVINCE"; case 2 -> "CITY"; default -> "COUNTY"; };
                        return new Entry(code, rs.getString("name"), rs.getString("name_en"), kind, level, rs.getString("parent_code"));
                    }).list();
            cached.forEach(e -> PinyinKeys.of(e.name()));
            divisions = cached;
        }
        return cached;
    }
}

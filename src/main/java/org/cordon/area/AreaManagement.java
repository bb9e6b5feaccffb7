package org.cordon.area;

import org.cordon.account.Permission;
import org.cordon.account.RolePermissions;
import org.cordon.account.RequiresPermission;
import org.cordon.account.SystemOperation;
import org.cordon.account.PermissionQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cordon.account.AreaScope;
import org.cordon.account.CordonUser;
import org.cordon.account.Role;
import org.cordon.shared.FieldProblem;
import org.cordon.shared.NotFoundException;
import org.cordon.shared.ValidationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The area tree and the administrative divisions.
 *
 * <p>Reference look-ups ({@link #findArea}, {@link #children}, {@link #divisionChildren}, ...) take no
 * user, accept null and unknown codes and answer empty results for them. The grid methods that take
 * a {@link CordonUser} enforce the caller's jurisdiction: a user without an area node gets
 * {@link AccessDeniedException}, and so does a request for a node outside the user's subtree; only
 * administrators change the tree.
 */
@Service
@Transactional(readOnly = true)
public class AreaManagement {

    private static final Logger log = LoggerFactory.getLogger(AreaManagement.class);

    private static final RowMapper<Area> AREA = (rs, n) -> new Area(rs.getString("code"), rs.getString("name"),
            AreaKind.valueOf(rs.getString("kind")), rs.getString("parent_code"),
            (Integer) rs.getObject("households"), (Integer) rs.getObject("residents"), rs.getBoolean("sample"));
    private static final RowMapper<Division> DIVISION = (rs, n) -> new Division(rs.getString("code"), rs.getString("name"),
            rs.getInt("level"), rs.getString("parent_code"), rs.getString("name_en"));

    private final JdbcClient jdbc;
    private final AreaSettings settings;
    private final AreaRules rules;
    private final org.cordon.shared.db.ReferenceData referenceData;
    /** Nodes by code (reference data: every registration looks up its destination; kept correct by ReferenceData). */
    private final org.cordon.shared.db.ReferenceData.Cache<String, Optional<Area>> areasByCode;
    private final org.cordon.shared.db.ReferenceData.Cache<String, Optional<Division>> divisionsByCode;
    /** Origins as typed (normalised), resolved: codes, old codes, ISO forms. */
    private final org.cordon.shared.db.ReferenceData.Cache<String, Optional<Division>> origins;

    AreaManagement(JdbcClient jdbc, AreaSettings settings, AreaRules rules, org.cordon.shared.db.ReferenceData referenceData) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.rules = rules;
        this.referenceData = referenceData;
        this.areasByCode = referenceData.cache("areas by code", java.util.Set.of("area"), 200_000);
        this.divisionsByCode = referenceData.cache("divisions by code", java.util.Set.of("division"), 20_000);
        this.origins = referenceData.cache("origins", java.util.Set.of("division", "division_alias"), 20_000);
    }

    @SystemOperation
    public Optional<Area> findArea(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return areasByCode.get(code, c -> jdbc.sql("select * from area where code = ?").param(c).query(AREA).optional());
    }

    /** Direct children of a node, by code. */
    @SystemOperation
    public List<Area> children(String parentCode) {
        return jdbc.sql("select * from area where parent_code = ? order by code").param(parentCode).query(AREA).list();
    }

    /** All nodes strictly below a node, in code order (depth-first). */
    @SystemOperation
    public List<Area> descendants(String code) {
        if (code == null) {
            return List.of();
        }
        AreaScope subtree = AreaScope.subtree(code);
        return jdbc.sql("select * from area where " + subtree.condition("code") + " and code <> ? order by code")
                .params(subtree.pattern(), code).query(AREA).list();
    }

    /** The city's towns and street offices. */
    @SystemOperation
    public List<Area> towns() {
        return jdbc.sql("select * from area where kind in ('TOWN','STREET') order by code").query(AREA).list();
    }

    /** Names of the given area codes (unknown codes are left out), in one query. */
    @SystemOperation
    public Map<String, String> areaNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        areasByCode.getAll(codes, missing -> {
            Map<String, Optional<Area>> loaded = new HashMap<>();
            missing.forEach(c -> loaded.put(c, Optional.empty()));
            jdbc.sql("select * from area where code in (:codes)").param("codes", missing).query(AREA).list()
                    .forEach(a -> loaded.put(a.code(), Optional.of(a)));
            return loaded;
        }).forEach((code, area) -> area.ifPresent(a -> names.put(code, a.name())));
        return names;
    }

    @SystemOperation
    public Optional<Division> findDivision(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return divisionsByCode.get(code, c -> jdbc.sql("select * from division where code = ?").param(c).query(DIVISION).optional());
    }

    /** Divisions by code, cached, in one query for those not cached (unknown codes left out). */
    private Map<String, Division> divisions(Collection<String> codes) {
        Map<String, Division> byCode = new HashMap<>();
        divisionsByCode.getAll(codes, missing -> {
            Map<String, Optional<Division>> loaded = new HashMap<>();
            missing.forEach(c -> loaded.put(c, Optional.empty()));
            jdbc.sql("select * from division where code in (:codes)").param("codes", missing).query(DIVISION).list()
                    .forEach(d -> loaded.put(d.code(), Optional.of(d)));
            return loaded;
        }).forEach((code, d) -> d.ifPresent(v -> byCode.put(code, v)));
        return byCode;
    }

    /** True when the code is a current division exactly as given (no old codes, no other spellings). */
    @SystemOperation
    public boolean divisionExists(String code) {
        return findDivision(code).isPresent();
    }

    /**
     * The current division meant by an origin as typed, or empty when it names none. Accepted, besides the
     * current codes ({@code 42}, {@code 4201}, {@code 420102}, {@code 81}, {@code ISO}, {@code ISO:US}):
     * <ul>
     *   <li>the six-digit GB/T 2260 form of a province or city: {@code 420000} is {@code 42}, {@code 420100}
     *       is {@code 4201}, {@code 810000} is Hong Kong ({@code 81});</li>
     *   <li>old division codes, mapped to the division that now covers the old one
     *       ({@code 610821} 神木县 is {@code 610881} 神木市; table {@code division_alias}, migration V51);</li>
     *   <li>countries by ISO 3166-1 alpha-2 or alpha-3, with or without the {@code ISO:} prefix, in any
     *       case ({@code us}, {@code USA}, {@code iso:us} are {@code ISO:US}); the ISO codes of Hong Kong,
     *       Macao and Taiwan ({@code HK}, {@code MAC}, {@code ISO:TW}) are the provinces 81, 82 and 71.</li>
     * </ul>
     * Surrounding and inner white space is ignored. Null, blank and over-long input answer empty.
     */
    @SystemOperation
    public Optional<Division> resolveOrigin(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = typed.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
        if (s.isEmpty() || s.length() > 8) {
            return Optional.empty();
        }
        return origins.get(s, this::resolveNormalisedOrigin);
    }

    private Optional<Division> resolveNormalisedOrigin(String s) {
        List<String> candidates = new ArrayList<>();
        candidates.add(s);
        if (s.matches("\\d{2}0000")) {
            candidates.add(s.substring(0, 2));
        } else if (s.matches("\\d{4}00")) {
            candidates.add(s.substring(0, 4));
        } else if (s.matches("[A-Z]{2}")) {
            candidates.add(Division.COUNTRY_PREFIX + s);
        } else if (s.matches("ISO:[A-Z]{3}")) {
            candidates.add(s.substring(Division.COUNTRY_PREFIX.length()));
        }
        Map<String, Division> direct = new HashMap<>();
        jdbc.sql("select * from division where code in (:codes)").param("codes", candidates).query(DIVISION).list()
                .forEach(d -> direct.put(d.code(), d));
        for (String c : candidates) {
            if (direct.containsKey(c)) {
                return Optional.of(direct.get(c));
            }
        }
        Map<String, Division> aliased = new HashMap<>();
        jdbc.sql("select a.alias, d.* from division_alias a join division d on d.code = a.code where a.alias in (:codes)")
                .param("codes", candidates)
                .query(rs -> {
                    aliased.put(rs.getString("alias"), DIVISION.mapRow(rs, 0));
                });
        for (String c : candidates) {
            if (aliased.containsKey(c)) {
                return Optional.of(aliased.get(c));
            }
        }
        return Optional.empty();
    }

    /** Provinces in code order: the 31 of the mainland, Taiwan (71), Hong Kong (81), Macao (82), then abroad. */
    @SystemOperation
    public List<Division> provinces() {
        return jdbc.sql("select * from division where level = 1 order by code").query(DIVISION).list();
    }

    /** Children of a division in code order (countries: by alpha-2 code). */
    @SystemOperation
    public List<Division> divisionChildren(String parentCode) {
        return jdbc.sql("select * from division where parent_code = ? order by code").param(parentCode).query(DIVISION).list();
    }

    /**
     * Children of a division for a picker in the given language: counties and cities in code order, the countries
     * of "abroad" by their name in that language (pinyin order for Chinese).
     */
    @SystemOperation
    public List<Division> divisionChildren(String parentCode, java.util.Locale locale) {
        List<Division> children = divisionChildren(parentCode);
        if (!Division.ABROAD.equals(parentCode)) {
            return children;
        }
        java.util.Locale language = locale == null ? java.util.Locale.SIMPLIFIED_CHINESE : locale;
        java.text.Collator collator = java.text.Collator.getInstance(
                "en".equals(language.getLanguage()) ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE);
        List<Division> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparing((Division d) -> d.displayName(language), collator));
        return sorted;
    }

    /**
     * Full name of a division with its parents in Chinese, e.g. "湖北省 武汉市 江岸区", "境外 美国"; the code itself
     * when unknown. "市辖区" city entries are left out. Used where the name is stored or exported.
     */
    @SystemOperation
    public String divisionPath(String code) {
        if (code == null) {
            return null;
        }
        return paths(List.of(code), java.util.Locale.SIMPLIFIED_CHINESE).get(code);
    }

    /**
     * Path names of several divisions at once (origins in lists), without a query per row, in the language of the
     * current request ({@link org.springframework.context.i18n.LocaleContextHolder}; Chinese outside a request):
     * English pages show "Abroad United States", "Hong Kong SAR"; mainland divisions keep their Chinese names.
     */
    @SystemOperation
    public Map<String, String> divisionPaths(Collection<String> codes) {
        org.springframework.context.i18n.LocaleContext context = org.springframework.context.i18n.LocaleContextHolder.getLocaleContext();
        java.util.Locale locale = context == null ? null : context.getLocale();
        return paths(codes, locale == null ? java.util.Locale.SIMPLIFIED_CHINESE : locale);
    }

    private Map<String, String> paths(Collection<String> codes, java.util.Locale locale) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (String c : codes) {
            prefixes.addAll(ancestry(c));
        }
        Map<String, Division> byCode = divisions(prefixes);
        for (String c : codes) {
            StringBuilder sb = new StringBuilder();
            for (String prefix : ancestry(c)) {
                Division d = byCode.get(prefix);
                if (d != null && !(d.level() == 2 && d.name().equals("市辖区"))) {
                    if (!sb.isEmpty()) {
                        sb.append(' ');
                    }
                    sb.append(d.displayName(locale));
                }
            }
            names.put(c, sb.isEmpty() ? c : sb.toString());
        }
        return names;
    }

    /** The codes from the province down to the division itself: 42, 4201, 420102; ISO, ISO:US. */
    private static List<String> ancestry(String code) {
        List<String> codes = new ArrayList<>();
        if (Division.isAbroad(code)) {
            codes.add(Division.ABROAD);
            if (!code.equals(Division.ABROAD)) {
                codes.add(code);
            }
            return codes;
        }
        for (int len = 2; len <= code.length(); len += 2) {
            codes.add(code.substring(0, len));
        }
        return codes;
    }

    // ---- temporary Party branches ----

    /**
     * Whether a node needs a temporary Party branch: a compound with at least
     * {@code cordon.area.branch-households} households (300) or at least
     * {@code cordon.area.branch-residents} residents (1000).
     *
     * @param area any node, or null
     * @return false for null, for other kinds and for compounds whose figures are not recorded
     */
    @SystemOperation
    public boolean needsTemporaryBranch(Area area) {
        if (area == null || area.kind() != AreaKind.COMPOUND) {
            return false;
        }
        return (area.households() != null && area.households() >= settings.branchHouseholds())
                || (area.residents() != null && area.residents() >= settings.branchResidents());
    }

    /**
     * The compounds in a subtree that need a temporary Party branch (see {@link #needsTemporaryBranch}).
     *
     * @param rootCode code of the subtree's root (the root itself included); null or blank gives an empty list
     * @return the compounds in code order, never null
     */
    @SystemOperation
    public List<Area> compoundsNeedingBranch(String rootCode) {
        if (rootCode == null || rootCode.isBlank()) {
            return List.of();
        }
        AreaScope subtree = AreaScope.subtree(rootCode.strip());
        return jdbc.sql("select * from area where kind = 'COMPOUND' and " + subtree.condition("code", "prefix")
                         + " and (households >= :households or residents >= :residents) order by code")
                .param("prefix", subtree.pattern())
                .param("households", settings.branchHouseholds())
                .param("residents", settings.branchResidents())
                .query(AREA).list();
    }

    // ---- the grid, inside the caller's jurisdiction ----

    /**
     * The root of the caller's visible subtree.
     *
     * @throws AccessDeniedException when the user has no area node (e.g. checkpoint officers)
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public String jurisdictionRoot(CordonUser user) {
        String root = user == null ? null : user.jurisdiction().areaCode();
        if (root == null || root.isBlank()) {
            throw new AccessDeniedException("User " + user + " has no area jurisdiction");
        }
        return root;
    }

    /** True when the user may change the tree (administrators). */
    @PermissionQuery(Permission.AREA_EDIT)
    public boolean mayEdit(CordonUser user) {
        return RolePermissions.may(user, Permission.AREA_EDIT);
    }

    /**
     * A node with its subtree totals and its direct children (each with their own totals), computed
     * with one query for the children and one grouped query for all totals.
     *
     * @param code the node; null or blank for the root of the caller's jurisdiction
     * @throws AccessDeniedException outside the caller's jurisdiction
     * @throws NotFoundException     for an unknown node inside it
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public AreaNode gridNode(CordonUser user, String code) {
        Area area = visibleArea(user, code);
        List<AreaNode> children = childNodes(area.code());
        Long households = null;
        Long residents = null;
        for (AreaNode child : children) {
            households = plus(households, child.effectiveHouseholds());
            residents = plus(residents, child.effectiveResidents());
        }
        return new AreaNode(area.code(), area.name(), area.kind(), area.parentCode(), area.households(), area.residents(),
                area.sample(), households, residents, children.size(), needsTemporaryBranch(area), children);
    }

    /**
     * The path from the root of the caller's jurisdiction down to a node (both included), for
     * breadcrumbs.
     *
     * @throws AccessDeniedException outside the caller's jurisdiction
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public List<Area> gridPath(CordonUser user, String code) {
        String root = jurisdictionRoot(user);
        Area area = visibleArea(user, code);
        List<String> codes = new ArrayList<>();
        for (int len = root.length(); len < area.code().length(); len += 3) {
            codes.add(area.code().substring(0, len));
        }
        Map<String, Area> found = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("select * from area where code in (:codes)").param("codes", codes).query(AREA).list()
                    .forEach(a -> found.put(a.code(), a));
        }
        List<Area> path = new ArrayList<>();
        codes.stream().map(found::get).filter(java.util.Objects::nonNull).forEach(path::add);
        path.add(area);
        return path;
    }

    /**
     * The subtree of a node inside the caller's jurisdiction, nested, with totals and the branch flag
     * on every node. One query reads the subtree; totals always cover the whole subtree, whatever the
     * depth returned.
     *
     * @param root  the subtree's root; null or blank for the root of the caller's jurisdiction
     * @param depth levels below the root to return (0 = the root only); null for all
     * @throws AccessDeniedException outside the caller's jurisdiction
     * @throws NotFoundException     for an unknown node inside it
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public AreaNode gridTree(CordonUser user, String root, Integer depth) {
        Area top = visibleArea(user, root);
        AreaScope subtree = AreaScope.subtree(top.code());
        List<Area> all = jdbc.sql("select * from area where " + subtree.condition("code") + " order by code")
                .param(subtree.pattern()).query(AREA).list();
        Map<String, List<Area>> byParent = new HashMap<>();
        for (Area a : all) {
            if (a.parentCode() != null) {
                byParent.computeIfAbsent(a.parentCode(), k -> new ArrayList<>()).add(a);
            }
        }
        // bottom-up: each node adds its own figure, or else its subtree total, to its parent's total
        Map<String, Long[]> totals = new HashMap<>();
        List<Area> deepestFirst = new ArrayList<>(all);
        deepestFirst.sort(Comparator.comparingInt((Area a) -> a.code().length()).reversed());
        for (Area a : deepestFirst) {
            if (a.code().equals(top.code()) || a.parentCode() == null) {
                continue;
            }
            Long[] own = totals.get(a.code());
            Long h = a.households() != null ? Long.valueOf(a.households()) : own == null ? null : own[0];
            Long r = a.residents() != null ? Long.valueOf(a.residents()) : own == null ? null : own[1];
            Long[] parent = totals.computeIfAbsent(a.parentCode(), k -> new Long[2]);
            parent[0] = plus(parent[0], h);
            parent[1] = plus(parent[1], r);
        }
        return treeNode(top, byParent, totals, depth == null ? Integer.MAX_VALUE : Math.max(0, depth));
    }

    private AreaNode treeNode(Area a, Map<String, List<Area>> byParent, Map<String, Long[]> totals, int depth) {
        List<Area> kids = byParent.getOrDefault(a.code(), List.of());
        Long[] t = totals.getOrDefault(a.code(), new Long[2]);
        List<AreaNode> children = null;
        if (depth > 0) {
            children = new ArrayList<>();
            for (Area k : kids) {
                children.add(treeNode(k, byParent, totals, depth - 1));
            }
        }
        return new AreaNode(a.code(), a.name(), a.kind(), a.parentCode(), a.households(), a.residents(), a.sample(),
                t[0], t[1], kids.size(), needsTemporaryBranch(a), children);
    }

    /** Children of a node with their subtree totals: the children, then one grouped query for all totals. */
    private List<AreaNode> childNodes(String code) {
        List<Area> kids = children(code);
        if (kids.isEmpty()) {
            return List.of();
        }
        record Totals(int children, Long households, Long residents) {
        }
        int len = code.length() + 3;
        Map<String, Totals> totals = new HashMap<>();
        // A descendant counts towards a child's total when no node between the child and it records the
        // figure itself (a village's own household count, not the count plus its groups'). Codes grow by
        // three digits per level and the tree has at most three levels below any child.
        jdbc.sql("""
                        select substr(d.code, 1, :len) as child,
                               count(*) filter (where length(d.code) = :len + 3) as children,
                               sum(case when length(d.code) = :len + 3 then d.households
                                        when length(d.code) = :len + 6 and p.households is null then d.households
                                        when length(d.code) = :len + 9 and p.households is null and g.households is null
                                             then d.households end) as households,
                               sum(case when length(d.code) = :len + 3 then d.residents
                                        when length(d.code) = :len + 6 and p.residents is null then d.residents
                                        when length(d.code) = :len + 9 and p.residents is null and g.residents is null
                                             then d.residents end) as residents
                        from area d
                        left join area p on p.code = d.parent_code
                        left join area g on g.code = p.parent_code
                        where\s""" + AreaScope.subtree(code).condition("d.code", "prefix") + """
                         and length(d.code) > :len
                        group by 1""")
                .param("len", len)
                .param("prefix", AreaScope.subtreePattern(code))
                .query(rs -> {
                    totals.put(rs.getString("child"), new Totals(rs.getInt("children"),
                            (Long) rs.getObject("households"), (Long) rs.getObject("residents")));
                });
        List<AreaNode> nodes = new ArrayList<>(kids.size());
        for (Area a : kids) {
            Totals t = totals.getOrDefault(a.code(), new Totals(0, null, null));
            nodes.add(new AreaNode(a.code(), a.name(), a.kind(), a.parentCode(), a.households(), a.residents(), a.sample(),
                    t.households(), t.residents(), t.children(), needsTemporaryBranch(a), null));
        }
        return nodes;
    }

    /**
     * A node inside the caller's jurisdiction.
     *
     * @param code null or blank for the jurisdiction's root
     * @throws AccessDeniedException outside the jurisdiction
     * @throws NotFoundException     for an unknown node inside it
     */
    @RequiresPermission(Permission.STAFF_WORKSPACE)
    public Area visibleArea(CordonUser user, String code) {
        String root = jurisdictionRoot(user);
        String wanted = code == null || code.isBlank() ? root : code.strip();
        if (!AreaScope.subtree(root).covers(wanted)) {
            throw new AccessDeniedException("Area " + wanted + " is outside the jurisdiction of " + user.getUsername());
        }
        return findArea(wanted).orElseThrow(() -> new NotFoundException("Area " + wanted));
    }

    // ---- changes (administrators) ----

    /**
     * Changes a node's name, households and residents. Validates every field and stores nothing when
     * any is invalid.
     *
     * @return the stored node
     * @throws AccessDeniedException      for non-administrators and nodes outside the caller's jurisdiction
     * @throws NotFoundException          for an unknown node
     * @throws ValidationFailedException  with one problem per invalid field ({@code name}, {@code households},
     *                                    {@code residents})
     */
    @Transactional
    @RequiresPermission(Permission.AREA_EDIT)
    public Area updateArea(CordonUser user, String code, AreaChange change) {
        requireAdmin(user);
        Area existing = visibleArea(user, code);
        AreaChange c = change == null ? new AreaChange(null, null, null) : change;
        List<FieldProblem> problems = new ArrayList<>();
        String name = rules.name(c.name(), problems);
        Integer households = rules.count("households", c.households(), problems);
        Integer residents = rules.count("residents", c.residents(), problems);
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        referenceData.changed("area");
        jdbc.sql("update area set name = ?, households = ?, residents = ? where code = ?")
                .params(name, households, residents, existing.code()).update();
        log.info("Area {} changed by {}: name={}, households={}, residents={}", existing.code(), user.getUsername(),
                name, households, residents);
        return findArea(existing.code()).orElseThrow();
    }

    /**
     * Adds a node below an existing one. Validates every field (code one level below the parent and
     * not taken, kind valid for the level, name, counts) and stores nothing when any is invalid.
     *
     * @return the stored node ({@code sample = false})
     * @throws AccessDeniedException     for non-administrators and parents outside the caller's jurisdiction
     * @throws ValidationFailedException with one problem per invalid field
     */
    @Transactional
    @RequiresPermission(Permission.AREA_EDIT)
    public Area createArea(CordonUser user, NewArea input) {
        requireAdmin(user);
        String root = jurisdictionRoot(user);
        NewArea in = input == null ? new NewArea(null, null, null, null, null, null) : input;
        String parent = AreaRules.trim(in.parentCode());
        if (!parent.isEmpty() && !AreaScope.subtree(root).covers(parent)) {
            throw new AccessDeniedException("Area " + parent + " is outside the jurisdiction of " + user.getUsername());
        }
        List<FieldProblem> problems = new ArrayList<>();
        Area area = rules.validate(in, c -> findArea(c).isPresent(), problems);
        if (area != null && findArea(area.code()).isPresent()) {
            problems.add(new FieldProblem("code", "area.validation.code.taken", area.code()));
        }
        if (!problems.isEmpty()) {
            throw new ValidationFailedException(problems);
        }
        referenceData.changed("area");
        jdbc.sql("""
                        insert into area(code, name, kind, parent_code, households, residents, sample)
                        values (?, ?, ?, ?, ?, ?, false)""")
                .params(area.code(), area.name(), area.kind().name(), area.parentCode(), area.households(), area.residents())
                .update();
        log.info("Area {} ({}) added by {}", area.code(), area.kind(), user.getUsername());
        return findArea(area.code()).orElseThrow();
    }

    /** The current transaction changes the area tree (the cached nodes are read from the database until it ends). */
    void treeChanged() {
        referenceData.changed("area");
    }

    void requireAdmin(CordonUser user) {
        if (!mayEdit(user)) {
            throw new AccessDeniedException("Only administrators change the area tree");
        }
    }

    private static Long plus(Long sum, Long value) {
        if (value == null) {
            return sum;
        }
        return sum == null ? value : sum + value;
    }
}

package org.cordon.area;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access to the area tree and the administrative divisions. All methods accept null and
 * unknown codes and answer empty results for them.
 */
@Service
@Transactional(readOnly = true)
public class AreaManagement {

    private static final RowMapper<Area> AREA = (rs, n) -> new Area(rs.getString("code"), rs.getString("name"),
            AreaKind.valueOf(rs.getString("kind")), rs.getString("parent_code"),
            (Integer) rs.getObject("households"), (Integer) rs.getObject("residents"), rs.getBoolean("sample"));
    private static final RowMapper<Division> DIVISION = (rs, n) -> new Division(rs.getString("code"), rs.getString("name"),
            rs.getInt("level"), rs.getString("parent_code"));

    private final JdbcClient jdbc;

    AreaManagement(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Area> findArea(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from area where code = ?").param(code).query(AREA).optional();
    }

    /** Direct children of a node, by code. */
    public List<Area> children(String parentCode) {
        return jdbc.sql("select * from area where parent_code = ? order by code").param(parentCode).query(AREA).list();
    }

    /** All nodes strictly below a node, in code order (depth-first). */
    public List<Area> descendants(String code) {
        return jdbc.sql("select * from area where code like ? and code <> ? order by code")
                .params(code + "%", code).query(AREA).list();
    }

    /** The city's towns and street offices. */
    public List<Area> towns() {
        return jdbc.sql("select * from area where kind in ('TOWN','STREET') order by code").query(AREA).list();
    }

    /** Names of the given area codes (unknown codes are left out), in one query. */
    public Map<String, String> areaNames(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        jdbc.sql("select code, name from area where code in (:codes)").param("codes", codes)
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
    }

    public Optional<Division> findDivision(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from division where code = ?").param(code).query(DIVISION).optional();
    }

    public boolean divisionExists(String code) {
        return findDivision(code).isPresent();
    }

    public List<Division> provinces() {
        return jdbc.sql("select * from division where level = 1 order by code").query(DIVISION).list();
    }

    public List<Division> divisionChildren(String parentCode) {
        return jdbc.sql("select * from division where parent_code = ? order by code").param(parentCode).query(DIVISION).list();
    }

    /**
     * Full name of a division with its parents, e.g. "湖北省 武汉市 江岸区"; the code itself when unknown.
     * "市辖区" city entries are left out.
     */
    public String divisionPath(String code) {
        if (code == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int len = 2; len <= code.length(); len += 2) {
            Optional<Division> d = findDivision(code.substring(0, len));
            if (d.isPresent() && !(len == 4 && d.get().name().equals("市辖区"))) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(d.get().name());
            }
        }
        return sb.isEmpty() ? code : sb.toString();
    }

    /** Path names of several divisions at once (origins in lists), without a query per row. */
    public Map<String, String> divisionPaths(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) {
            return names;
        }
        java.util.Set<String> prefixes = new java.util.HashSet<>();
        for (String c : codes) {
            for (int len = 2; len <= c.length(); len += 2) {
                prefixes.add(c.substring(0, len));
            }
        }
        Map<String, String> byCode = new HashMap<>();
        jdbc.sql("select code, name from division where code in (:codes)").param("codes", prefixes)
                .query(rs -> {
                    byCode.put(rs.getString(1), rs.getString(2));
                });
        for (String c : codes) {
            StringBuilder sb = new StringBuilder();
            for (int len = 2; len <= c.length(); len += 2) {
                String name = byCode.get(c.substring(0, len));
                if (name != null && !(len == 4 && name.equals("市辖区"))) {
                    if (!sb.isEmpty()) {
                        sb.append(' ');
                    }
                    sb.append(name);
                }
            }
            names.put(c, sb.isEmpty() ? c : sb.toString());
        }
        return names;
    }
}

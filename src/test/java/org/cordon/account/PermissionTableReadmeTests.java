package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The README's "Who may do what" table is {@link RolePermissions}: one row per permission, one column
 * per role, ✓ where the role holds it. Fails (printing the table as it should read) when they differ.
 */
class PermissionTableReadmeTests {

    static final String HEADING = "## Who may do what";

    static String expectedTable() {
        StringBuilder sb = new StringBuilder("| Permission |");
        for (Role r : Role.values()) {
            sb.append(' ').append(r.name()).append(" |");
        }
        sb.append("\n|---|");
        for (Role ignored : Role.values()) {
            sb.append(":-:|");
        }
        sb.append('\n');
        for (Permission p : Permission.values()) {
            sb.append("| ").append(p.name()).append(" |");
            for (Role r : Role.values()) {
                sb.append(RolePermissions.has(r, p) ? " ✓ |" : "   |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void readmeTableMatchesRolePermissions() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf(HEADING);
        assertThat(start).as("README has a section '%s'", HEADING).isNotNegative();
        List<String> rows = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).startsWith("|")) {
                rows.add(lines.get(i));
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        assertThat(rows).as("table under '%s'", HEADING).hasSizeGreaterThan(2);
        List<String> header = cells(rows.get(0));
        List<Role> roles = new ArrayList<>();
        for (String h : header.subList(1, header.size())) {
            roles.add(Role.valueOf(h));
        }
        String hint = "README table should read:\n" + expectedTable();
        assertThat(roles).as(hint).containsExactly(Role.values());
        EnumSet<Permission> seen = EnumSet.noneOf(Permission.class);
        for (String row : rows.subList(2, rows.size())) {
            List<String> cells = cells(row);
            Permission p = Permission.valueOf(cells.get(0));
            assertThat(seen.add(p)).as("permission %s listed twice", p).isTrue();
            assertThat(cells).as(hint).hasSize(roles.size() + 1);
            for (int c = 0; c < roles.size(); c++) {
                String cell = cells.get(c + 1);
                assertThat(cell).as("cell %s × %s", p, roles.get(c)).isIn("", "✓");
                assertThat(cell.equals("✓")).as("README says %s %s %s; RolePermissions differs. %s", roles.get(c),
                        cell.isEmpty() ? "lacks" : "holds", p, hint).isEqualTo(RolePermissions.has(roles.get(c), p));
            }
        }
        assertThat(seen).as("every permission has a row. " + hint).containsExactlyInAnyOrder(Permission.values());
    }

    private static List<String> cells(String row) {
        String s = row.strip();
        s = s.substring(1, s.endsWith("|") ? s.length() - 1 : s.length());
        return Arrays.stream(s.split("\\|", -1)).map(String::strip).toList();
    }
}

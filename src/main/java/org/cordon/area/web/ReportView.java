package org.cordon.area.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cordon.area.AreaImport;
import org.cordon.area.ImportReport;
import org.cordon.shared.FieldProblem;

/** One problem of an import, localised for the report page and the API ({@code sheet} null for CSV). */
record ReportView(String sheet, int row, String column, String code, String value, String message) {

    /** A sheet not read, localised. */
    record Skipped(String name, String reason, String message) {
    }

    static List<Skipped> skipped(ImportReport report, AreaImport importer, Locale locale) {
        return report.skippedSheets().stream()
                .map(s -> new Skipped(s.name(), s.reason(), importer.message(s.problem(), locale))).toList();
    }

    static List<ReportView> errors(ImportReport report, AreaImport importer, Locale locale) {
        List<ReportView> list = new ArrayList<>();
        for (ImportReport.RejectedRow row : report.rejectedRows()) {
            for (FieldProblem p : row.problems()) {
                int column = ImportReport.COLUMNS.indexOf(p.field());
                String value = column >= 0 && column < row.values().size() ? row.values().get(column) : null;
                list.add(new ReportView(row.sheet(), row.row(), p.field(), p.code(), value, importer.message(p, locale)));
            }
        }
        return list;
    }
}

package org.cordon.area.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cordon.area.AreaImport;
import org.cordon.area.ImportReport;
import org.cordon.shared.FieldProblem;

/** One problem of an import, localised for the report page and the API. */
record ReportView(int row, String column, String code, String value, String message) {

    static List<ReportView> errors(ImportReport report, AreaImport importer, Locale locale) {
        List<ReportView> list = new ArrayList<>();
        for (ImportReport.RejectedRow row : report.rejectedRows()) {
            for (FieldProblem p : row.problems()) {
                int column = ImportReport.COLUMNS.indexOf(p.field());
                String value = column >= 0 && column < row.values().size() ? row.values().get(column) : null;
                list.add(new ReportView(row.row(), p.field(), p.code(), value, importer.message(p, locale)));
            }
        }
        return list;
    }
}

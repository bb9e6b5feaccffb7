package org.cordon.registry;

/**
 * One problem of a rejected roster row.
 *
 * @param sheet   the sheet's name, for a workbook; null for CSV
 * @param row     the row number as the spreadsheet shows it on its sheet (1-based, header and title rows included)
 * @param column  the column's header as written in the uploaded file (or the template's header)
 * @param field   the English field name ({@code idNumber}, {@code arrivedOn}, ...)
 * @param code    the message code ({@code validation.idNumber.checksum}, ...)
 * @param message the message in the importing user's language
 */
public record RosterRowError(String sheet, int row, String column, String field, String code, String message) {
}

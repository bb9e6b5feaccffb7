/**
 * Reading and writing tables, the one way every import and export of Cordon goes.
 *
 * <p><b>Reading</b> ({@link org.cordon.shared.tabular.TabularReader}): an uploaded CSV or Excel 2007+ (.xlsx)
 * file, told apart by its content (never by its name), as rows of text cells with the row number a spreadsheet
 * shows. CSV is parsed with Apache Commons CSV (RFC 4180: comma-separated, double quotes around fields with
 * commas, quotes or line breaks, {@code ""} for a quote; leniently, like a spreadsheet program: text after a
 * closing quote is kept, an unclosed quote runs to the end of the file), in UTF-8 with or without byte-order
 * mark or else GB18030 (which covers GBK and GB2312, what Chinese office suites save as "CSV"); a workbook's sheets
 * are read one after the other ({@link org.cordon.shared.tabular.TabularReader#nextSheet()}, with their names and
 * whether they are hidden), all of them checked by {@code XlsxGuard} before the first row is read. Where the table
 * starts on a sheet — title rows above the header, two-row headers with merged cells — is found by
 * {@link org.cordon.shared.tabular.HeaderSearch}. The caller's {@link org.cordon.shared.tabular.TabularLimits} (rows, columns, characters per
 * cell) are checked while the file streams; every problem with the file as a whole is a
 * {@link org.cordon.shared.tabular.TabularException} of one {@link org.cordon.shared.tabular.TabularException.Kind}
 * that the caller turns into its own message code.
 *
 * <p><b>Writing</b> ({@link org.cordon.shared.tabular.TabularWriter}): the same rows as CSV (UTF-8 with a
 * byte-order mark so that office suites open it; text that a spreadsheet would run as a formula gets a leading
 * apostrophe, long digit strings are written as {@code ="…"} so that they stay text) or as .xlsx (fastexcel,
 * streamed, inline strings). The reader undoes the CSV writer's protections, so a written file can be fixed and
 * read again.
 */
package org.cordon.shared.tabular;

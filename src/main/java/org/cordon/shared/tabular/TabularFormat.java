package org.cordon.shared.tabular;

/** The kinds of table file Cordon reads and writes. */
public enum TabularFormat {
    /** Comma-separated text. */
    CSV,
    /** An Excel 2007+ workbook. */
    XLSX
}

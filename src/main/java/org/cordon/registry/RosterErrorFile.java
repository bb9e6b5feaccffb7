package org.cordon.registry;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A file of rejected roster rows as its owner downloads it: CSV (UTF-8 with a byte-order mark, the template's columns,
 * then the row number and the problems), decrypted while it is written out; at rest it is encrypted.
 */
public interface RosterErrorFile {

    /**
     * Writes the CSV to {@code out} (left open).
     *
     * @throws IOException when the file cannot be read or fails its integrity check (then part of it may be written)
     */
    void writeTo(OutputStream out) throws IOException;
}

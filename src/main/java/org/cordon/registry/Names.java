package org.cordon.registry;

import java.text.Normalizer;
import java.util.Locale;

/**
 * When two spellings of a person's name are the same name: equal after NFKC (full-width letters), without any
 * spaces (also ideographic, no-break and zero-width ones), with the middle dots of minority and foreign names
 * (·, •, ・, ., U+2027) as one, and Latin letters in any case. Anything else is another name.
 */
final class Names {

    private Names() {
    }

    static boolean same(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        return key(a).equals(key(b));
    }

    static String key(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF
                    || c == 0x2060) {
                return;
            }
            if (c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0xFF65 || c == 0x2027 || c == '.' || c == 0x2219) {
                sb.append('·');
                return;
            }
            sb.appendCodePoint(c);
        });
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}

package org.cordon.area;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * The search keys of a place name: its pinyin initials ({@code 孙家岔镇} → {@code sjcz}) and its whole pinyin without
 * tones ({@code sunjiachazhen}), computed once per name and cached. A polyphonic character gives every reading
 * ({@code 长} → {@code c} and {@code z}), so any of them finds the name; the combinations are bounded
 * ({@value #MAX_READINGS} per name: beyond that, further characters keep only their first reading). Letters and digits
 * in a name are kept (lower case), anything else (brackets, dots, spaces) is left out.
 */
final class PinyinKeys {

    static final int MAX_READINGS = 16;
    /** Names are short; a bound keeps a pathological import from filling the memory. */
    private static final int MAX_CACHED = 100_000;

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    /** Initials and whole readings of one name. */
    record Keys(Set<String> initials, Set<String> spelled) {
    }

    private static final Map<String, Keys> CACHE = new ConcurrentHashMap<>();

    private PinyinKeys() {
    }

    static Keys of(String name) {
        if (name == null) {
            return new Keys(Set.of(), Set.of());
        }
        Keys keys = CACHE.get(name);
        if (keys == null) {
            keys = compute(name);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.put(name, keys);
            }
        }
        return keys;
    }

    /** The search text as typed, made comparable: NFKC, lower case, without white space. */
    static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).replaceAll("[\\s\\u200B-\\u200D\\uFEFF]+", "")
                .toLowerCase(Locale.ROOT);
    }

    private static Keys compute(String name) {
        List<String[]> syllables = new ArrayList<>();
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKC);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            String[] readings = readings(c);
            if (readings != null) {
                syllables.add(readings);
            } else if (Character.isLetterOrDigit(c) && c < 0x80) {
                syllables.add(new String[] {String.valueOf(Character.toLowerCase(c))});
            }
        }
        List<String> initials = new ArrayList<>(List.of(""));
        List<String> spelled = new ArrayList<>(List.of(""));
        for (String[] readings : syllables) {
            Set<String> firsts = new LinkedHashSet<>();
            Set<String> wholes = new LinkedHashSet<>();
            for (String r : readings) {
                firsts.add(r.substring(0, 1));
                wholes.add(r);
            }
            initials = extend(initials, firsts);
            spelled = extend(spelled, wholes);
        }
        return new Keys(Set.copyOf(initials), Set.copyOf(spelled));
    }

    private static List<String> extend(List<String> prefixes, Set<String> next) {
        List<String> out = new ArrayList<>();
        boolean all = prefixes.size() * next.size() <= MAX_READINGS;
        for (String p : prefixes) {
            for (String n : next) {
                out.add(p + n);
                if (!all) {
                    break;
                }
            }
        }
        return out;
    }

    /** The readings of a Chinese character without tones and duplicates, or null for any other character. */
    private static String[] readings(char c) {
        if (Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN) {
            return null;
        }
        try {
            String[] all = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            if (all == null || all.length == 0) {
                return null;
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (String r : all) {
                String letters = r.replaceAll("[^a-z]", "");
                if (!letters.isEmpty()) {
                    distinct.add(letters);
                }
            }
            return distinct.isEmpty() ? null : distinct.toArray(String[]::new);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.cordon.shared;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of dates typed by people or written by office suites as text (a roster's cells, a typed date in a
 * form or a query). Accepted, after NFKC (full-width digits) and with spaces of any kind around the parts:
 * <ul>
 *   <li>{@code 2020年1月22日}, {@code 2020年01月25号}, {@code 2020年1月22} — year, {@code 年}, month, {@code 月}, day,
 *       optionally {@code 日} or {@code 号};</li>
 *   <li>{@code 2020-1-22}, {@code 2020/1/22}, {@code 2020.1.22} — one separator used twice;</li>
 *   <li>{@code 20200122} — eight digits;</li>
 *   <li>any of these followed by a time of day ({@code 2020-01-22 00:00:00}, {@code 2020-01-22T08:30}), which is
 *       ignored;</li>
 *   <li>a two-digit year in the {@code 年月日} spelling ({@code 20年1月22日}, as a zh-CN office suite writes its short
 *       Chinese date format to CSV), and an Excel date serial written as a number ({@code 43852}, five digits, a time
 *       fraction ignored) — both only within the {@linkplain #plausible plausible window}.</li>
 * </ul>
 * Year, month, day is the only order: Chinese dates have no other. With separators the year must have four digits:
 * {@code 22/1/20} or {@code 01/02/2020} would be read one way in Shanghai and another in London, so they are refused
 * rather than guessed.
 *
 * <p><b>Two-digit years.</b> {@code yy} is the year ending in {@code yy} that lies between
 * {@value #YEARS_BACK} years before and {@value #YEARS_AHEAD} year after today (the window is shorter than a
 * century, so there is at most one): in 2020–2039 {@code 20年} is 2020. A two-digit year outside the window
 * ({@code 99年} → 1999 is more than 20 years ago, 2099 in the future) is refused with {@link #CENTURY} (write four
 * digits). The dates typed this way are of trips, arrivals, exposures and deliveries: recent by nature. Serial numbers
 * follow the same window: a stray five-digit number is an error, not a date in 1955.
 */
public final class TypedDate {

    /** Message code: not a date in any accepted spelling; arg 0 is the text (cut to 50 characters). */
    public static final String FORMAT = "validation.date.format";
    /** Message code: the spelling is a date's but the date does not exist (2020年2月30日); arg 0 is the text. */
    public static final String IMPOSSIBLE = "validation.date.impossible";
    /** Message code: a two-digit year whose century the plausible window does not settle; arg 0 is the text. */
    public static final String CENTURY = "validation.date.century";
    /**
     * Message code: a date serial (a number, or a workbook's date cell) outside the plausible window; arg 0 is the
     * text, arg 1 the date it would be.
     */
    public static final String IMPLAUSIBLE = "validation.date.implausible";

    /** Years before today a two-digit year or a serial number may mean. */
    public static final int YEARS_BACK = 20;
    /** Years after today a two-digit year or a serial number may mean. */
    public static final int YEARS_AHEAD = 1;

    private static final int QUOTED = 50;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final String TIME = "(?:\\s*[ T]\\s*\\d{1,2}[:：]\\d{2}(?:[:：]\\d{2}(?:\\.\\d+)?)?)?";
    private static final Pattern CHINESE = Pattern.compile(
            "(\\d{4}|\\d{2})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?" + TIME);
    private static final Pattern SEPARATED = Pattern.compile(
            "(\\d{4})\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{1,2})" + TIME);
    private static final Pattern DIGITS = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME);
    private static final Pattern SERIAL = Pattern.compile("(\\d{5})(?:\\.\\d+)?");
    /** Day 0 of Excel's serial numbers from 1 March 1900 on (Excel counts a 29 February 1900 that did not exist). */
    private static final LocalDate SERIAL_EPOCH = LocalDate.of(1899, 12, 30);

    private TypedDate() {
    }

    /**
     * {@link #parse(String, LocalDate)} against today in {@code Asia/Shanghai} (the window is years wide: the zone
     * does not matter).
     */
    public static LocalDate parse(String raw) {
        return parse(raw, LocalDate.now(DEFAULT_ZONE));
    }

    /**
     * The date the text spells (see the class comment), or null when the text is null or blank.
     *
     * @param raw   the text as typed or read from a cell
     * @param today the city's today, for two-digit years and serial numbers
     * @throws InvalidValueException with {@link #FORMAT}, {@link #IMPOSSIBLE}, {@link #CENTURY} or
     *                               {@link #IMPLAUSIBLE}
     */
    public static LocalDate parse(String raw, LocalDate today) {
        if (TypedInput.blank(raw)) {
            return null;
        }
        String text = clean(raw);
        Matcher m = CHINESE.matcher(text);
        if (m.matches()) {
            return date(raw, m.group(1), m.group(2), m.group(3), today);
        }
        m = SEPARATED.matcher(text);
        if (m.matches()) {
            return date(raw, m.group(1), m.group(3), m.group(4), today);
        }
        m = DIGITS.matcher(text);
        if (m.matches()) {
            return date(raw, m.group(1), m.group(2), m.group(3), today);
        }
        m = SERIAL.matcher(text);
        if (m.matches()) {
            return fromSerial(raw, Integer.parseInt(m.group(1)), today);
        }
        throw new InvalidValueException(FORMAT, quoted(raw));
    }

    /**
     * The date of an Excel serial number (as a workbook's date cell stores it) when it lies in the
     * {@linkplain #plausible plausible window}.
     *
     * @throws InvalidValueException with {@link #IMPLAUSIBLE} otherwise
     */
    public static LocalDate fromSerial(String raw, long serial, LocalDate today) {
        LocalDate date = SERIAL_EPOCH.plusDays(serial);
        if (serial < 61 || !plausible(date, today)) {
            throw new InvalidValueException(IMPLAUSIBLE, quoted(raw), date.toString());
        }
        return date;
    }

    /** Whether a date lies between {@value #YEARS_BACK} years before and {@value #YEARS_AHEAD} year after today. */
    public static boolean plausible(LocalDate date, LocalDate today) {
        return !date.isBefore(today.minusYears(YEARS_BACK)) && !date.isAfter(today.plusYears(YEARS_AHEAD));
    }

    private static LocalDate date(String raw, String year, String month, String day, LocalDate today) {
        int m = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (year.length() == 4) {
            return of(raw, Integer.parseInt(year), m, d);
        }
        int yy = Integer.parseInt(year);
        boolean possible = false;
        for (int century = (today.getYear() - YEARS_BACK) / 100; century <= (today.getYear() + YEARS_AHEAD) / 100; century++) {
            LocalDate candidate;
            try {
                candidate = LocalDate.of(century * 100 + yy, m, d);
            } catch (DateTimeException e) {
                continue;
            }
            possible = true;
            if (plausible(candidate, today)) {
                return candidate;
            }
        }
        // 2月29日 may exist in one century's year and not in another's
        if (!possible) {
            throw new InvalidValueException(IMPOSSIBLE, quoted(raw));
        }
        throw new InvalidValueException(CENTURY, quoted(raw));
    }

    private static LocalDate of(String raw, int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new InvalidValueException(IMPOSSIBLE, quoted(raw));
        }
    }

    /** NFKC (full-width digits and colons), invisible characters dropped, every kind of space one plain space. */
    private static String clean(String raw) {
        String text = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.FORMAT) {
                continue;
            }
            out.appendCodePoint(Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c);
        }
        return out.toString().strip();
    }

    private static String quoted(String raw) {
        String text = raw.strip();
        if (text.codePointCount(0, text.length()) <= QUOTED) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, QUOTED - 1)) + "…";
    }
}

package org.cordon.shared.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.cordon.shared.CordonSettings;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Date and number formatting for pages, in the city's time zone and the user's locale
 * ({@code ${@fmt.dateTime(x)}} in templates): one format per locale everywhere — Chinese "2026年1月27日", "2026年1月27日 08:30";
 * English "27 Jan 2026", "27 Jan 2026, 08:30" — and numbers in the locale's grouping ("3,000"). Date inputs keep ISO
 * values ({@code yyyy-MM-dd}), which the browser shows in the user's locale.
 */
@Component("fmt")
public class Formats {

    private final CordonSettings settings;
    private final MessageSource messages;

    Formats(CordonSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        return dateTime(instant.atZone(settings.timeZone()).toLocalDateTime());
    }

    /** A local date and time (a shift's start, city time) in the one format of the locale. */
    public String dateTime(java.time.LocalDateTime at) {
        if (at == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        return DateTimeFormatter.ofPattern(chinese(locale) ? "yyyy年M月d日 HH:mm" : "d MMM yyyy, HH:mm", locale).format(at);
    }

    /** A day without the year, for grids and lists within one year: "1月27日", "27 Jan". */
    public String day(LocalDate date) {
        if (date == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        return DateTimeFormatter.ofPattern(chinese(locale) ? "M月d日" : "d MMM", locale).format(date);
    }

    /** A time of day: "08:00"; a shift ending at midnight as "24:00" when {@code endOfDay}. */
    public String time(java.time.LocalTime time, boolean endOfDay) {
        if (time == null) {
            return "";
        }
        return endOfDay && time.toSecondOfDay() == 0 ? "24:00" : DateTimeFormatter.ofPattern("HH:mm").format(time);
    }

    private static boolean chinese(Locale locale) {
        return locale.getLanguage().equals("zh");
    }

    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("HH:mm:ss").format(instant.atZone(settings.timeZone()));
    }

    public String date(LocalDate date) {
        if (date == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        return DateTimeFormatter.ofPattern(chinese(locale) ? "yyyy年M月d日" : "d MMM yyyy", locale).format(date);
    }

    public String number(Number n) {
        return n == null ? "" : java.text.NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(n);
    }

    /**
     * A quantity in the locale's grouping without useless decimals (2 at most): {@code 3000.00} → "3,000",
     * {@code 12.50} → "12.5", {@code 7.142857} → "7.14"; "–" for none.
     */
    public String quantity(java.math.BigDecimal q) {
        if (q == null) {
            return "–";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
        f.setGroupingUsed(true);
        // quantities are kept to 2 decimals; a derived figure (a daily average) is shown to 2 at most
        f.setMaximumFractionDigits(Math.min(2, Math.max(0, q.stripTrailingZeros().scale())));
        f.setMinimumFractionDigits(0);
        return f.format(q);
    }

    /** A quantity with its unit, both in the page's language: "3,000 只", "3,000 pieces". */
    public String quantity(java.math.BigDecimal q, String unit) {
        return unit == null || unit.isBlank() ? quantity(q) : quantity(q) + " " + unit(unit);
    }

    /** A unit of supplies in the page's language ({@code unit.只} → "pieces"); an unknown unit as stored. */
    public String unit(String unit) {
        return unit == null ? "" : messages.getMessage("unit." + unit.strip(), null, unit, LocaleContextHolder.getLocale());
    }

    /** A supply item's name in the page's language ({@code item.MASK}), else the stored name. */
    public String item(String code, String name) {
        return code == null ? name : messages.getMessage("item." + code, null, name, LocaleContextHolder.getLocale());
    }

    public String celsius(java.math.BigDecimal t) {
        return t == null ? "" : t.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " °C";
    }
}

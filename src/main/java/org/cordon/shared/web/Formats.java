package org.cordon.shared.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.cordon.shared.CordonSettings;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Date and number formatting for pages, in the city's time zone and the user's locale
 * ({@code ${@fmt.dateTime(x)}} in templates).
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
        Locale locale = LocaleContextHolder.getLocale();
        DateTimeFormatter f = locale.getLanguage().equals("zh")
                ? DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", locale)
                : DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", locale);
        return f.format(instant.atZone(settings.timeZone()));
    }

    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("HH:mm:ss").format(instant.atZone(settings.timeZone()));
    }

    public String date(LocalDate date) {
        if (date == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(LocaleContextHolder.getLocale()).format(date);
    }

    public String number(Number n) {
        return n == null ? "" : java.text.NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(n);
    }

    /**
     * A quantity in the locale's grouping without useless decimals: {@code 3000.00} → "3,000", {@code 12.50} → "12.5";
     * "–" for none.
     */
    public String quantity(java.math.BigDecimal q) {
        if (q == null) {
            return "–";
        }
        java.text.NumberFormat f = java.text.NumberFormat.getNumberInstance(LocaleContextHolder.getLocale());
        f.setGroupingUsed(true);
        f.setMaximumFractionDigits(Math.max(0, q.stripTrailingZeros().scale()));
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

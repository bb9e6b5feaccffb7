package org.cordon.shared.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.cordon.shared.CordonSettings;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Date and number formatting for pages, in the city's time zone and the user's locale
 * ({@code ${@fmt.dateTime(x)}} in templates).
 */
@Component("fmt")
public class Formats {

    private final CordonSettings settings;

    Formats(CordonSettings settings) {
        this.settings = settings;
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

    public String celsius(java.math.BigDecimal t) {
        return t == null ? "" : t.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " °C";
    }
}

package org.cordon.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import org.cordon.shared.CordonSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

/** One date and number format per locale, quantities without useless decimals, units in the page's language. */
class FormatsTests {

    private final Formats formats;

    FormatsTests() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("unit.只", Locale.ENGLISH, "pieces");
        messages.addMessage("unit.只", Locale.SIMPLIFIED_CHINESE, "只");
        formats = new Formats(new CordonSettings(Path.of("."), ZoneId.of("Asia/Shanghai")), messages);
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void quantitiesAreGroupedInTheLocaleWithoutUselessDecimalsAndWithTheUnitTranslated() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(formats.quantity(new BigDecimal("3000.00"), "只")).isEqualTo("3,000 pieces");
        assertThat(formats.quantity(new BigDecimal("12.50"))).isEqualTo("12.5");
        assertThat(formats.quantity(new BigDecimal("-1500.25"))).isEqualTo("-1,500.25");
        assertThat(formats.quantity(null)).isEqualTo("–");
        assertThat(formats.quantity(new BigDecimal("7.142857"))).as("a daily average").isEqualTo("7.14");
        assertThat(formats.quantity(new BigDecimal("7"), "吨")).as("an unknown unit as stored").isEqualTo("7 吨");
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(formats.quantity(new BigDecimal("3500.00"), "只")).isEqualTo("3,500 只");
    }

    @Test
    void datesHaveOneFormatPerLocale() {
        LocalDate day = LocalDate.of(2020, 1, 27);
        Instant morning = Instant.parse("2020-01-27T00:30:00Z"); // 08:30 in Shenmu
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(formats.date(day)).isEqualTo("2020年1月27日");
        assertThat(formats.dateTime(morning)).isEqualTo("2020年1月27日 08:30");
        assertThat(formats.day(day)).isEqualTo("1月27日");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(formats.date(day)).isEqualTo("27 Jan 2020");
        assertThat(formats.dateTime(morning)).isEqualTo("27 Jan 2020, 08:30");
        assertThat(formats.day(day)).isEqualTo("27 Jan");
    }
}

package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PersonalValueTests {

    @Test
    void aMaskedValueDoesNotHoldWhatTheMaskHides() throws Exception {
        PersonalValue id = PersonalValue.idNumber("61088119850312001X");
        assertThat(id.text()).isEqualTo("610881********001X");
        assertThat(id.isRevealed()).isFalse();
        for (Field f : PersonalValue.class.getDeclaredFields()) {
            if (f.getType() == String.class) {
                f.setAccessible(true);
                assertThat((String) f.get(id)).doesNotContain("19850312");
            }
        }
        assertThat(PersonalValue.phone("13812345678").toString()).isEqualTo("138****5678");
        assertThat(PersonalValue.name("欧阳明").toString()).isEqualTo("欧*明");
        assertThat(PersonalValue.phone(null)).isNull();
    }

    @Test
    void writtenAsItsTextInJson() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.writeValueAsString(PersonalValue.phone("13812345678"))).isEqualTo("\"138****5678\"");
        assertThat(json.writeValueAsString(Disclosure.of(Disclosure.Level.FULL).phone("13812345678"))).isEqualTo("\"13812345678\"");
    }

    @Test
    void aDisclosureShowsWhatItsLevelAllows() {
        Disclosure masked = Disclosure.masked();
        Disclosure contact = Disclosure.of(Disclosure.Level.CONTACT);
        Disclosure full = Disclosure.of(Disclosure.Level.FULL);
        String id = "61088119850312001X";
        LocalDate birth = LocalDate.of(1985, 3, 12);

        assertThat(masked.name("刘德明").text()).isEqualTo("刘*明");
        assertThat(masked.birthDate(birth)).isNull();

        assertThat(contact.name("刘德明").text()).isEqualTo("刘德明");
        assertThat(contact.name("刘德明").isRevealed()).isTrue();
        assertThat(contact.phone("13812345678").text()).isEqualTo("13812345678");
        assertThat(contact.idNumber(id).text()).isEqualTo("610881********001X");
        assertThat(contact.birthDate(birth)).as("the birth date is the hidden digits of the ID").isNull();

        assertThat(full.idNumber(id).text()).isEqualTo(id);
        assertThat(full.birthDate(birth)).isEqualTo(birth);
        assertThat(full.idNumber(id)).isNotEqualTo(masked.idNumber(id));
    }
}

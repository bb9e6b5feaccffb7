package org.cordon.checkpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cordon.checkpoint.PassageRequest;
import org.junit.jupiter.api.Test;

/** The registration form carries what the camera scanner read for each occupant into the passage request, as read. */
class PassageFormTests {

    @Test
    void aScannedCodeIsCarriedPerOccupantAndAnEmptyOneIsNone() {
        PassageForm form = new PassageForm();
        PassageForm.OccupantForm scanned = form.getOccupants().get(0);
        scanned.setHealthCode(" eyJhbGciOiJFZERTQSJ9.eyJjIjoiZyJ9.c2ln \n");
        PassageForm.OccupantForm typed = new PassageForm.OccupantForm();
        typed.setName("李四");
        typed.setHealthCode("");
        PassageForm.OccupantForm untouched = new PassageForm.OccupantForm();
        form.setOccupants(List.of(scanned, typed, untouched));

        List<PassageRequest.OccupantRequest> occupants = form.toRequest().occupants();

        assertThat(occupants).extracting(PassageRequest.OccupantRequest::healthCode)
                .containsExactly("eyJhbGciOiJFZERTQSJ9.eyJjIjoiZyJ9.c2ln", null, null);
        assertThat(occupants.get(1).name()).isEqualTo("李四");
    }
}

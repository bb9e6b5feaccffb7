package org.cordon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.cordon.account.AuditLog;
import org.cordon.account.PersonalValue;
import org.cordon.checkpoint.ScreenedOccupants;
import org.cordon.shared.Masking;
import org.junit.jupiter.api.Test;

/**
 * Personal data by type: what a view shows of a person is a {@link PersonalValue} (it masks itself
 * unless the one audited reveal made it), never a plain string; only {@code account} writes the
 * {@code VIEW_FULL} audit entry (so every reveal goes through {@code PersonalDataManagement}); only the
 * value types mask; the trusted decrypting hand-over is not reachable from web code.
 */
class PersonalDataArchitectureTests {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cordon");

    /** Record components that hold a person's identity in a view. */
    static final Set<String> PERSONAL = Set.of("idNumber", "phone", "maskedName", "maskedPhone");

    @Test
    void viewsCarryPersonalValuesNotStrings() {
        List<String> offences = new ArrayList<>();
        int checked = 0;
        for (JavaClass c : MAIN) {
            Class<?> type = c.reflect();
            // inputs (requests, new records, validated rows) and the trusted hand-overs (registry → checkpoint for a
            // scanned health code) carry what a person typed, not a view; hotlines are public service numbers
            String name = type.getSimpleName();
            if (!type.isRecord() || !java.lang.reflect.Modifier.isPublic(type.getModifiers()) || name.endsWith("Request")
                    || name.startsWith("New") || name.equals("PersonData") || name.equals("OccupantDetails")
                    || name.equals("RegisteredIdentity") || name.equals("Holder") || name.equals("Hotline")
                    || c.getPackageName().endsWith(".web")) {
                continue;
            }
            RecordComponent[] components = type.getRecordComponents();
            // a registered person's name is personal data; volunteers' and party members' names are shown to the staff
            // who organise them (their phones are still masked)
            boolean registered = false;
            for (RecordComponent rc : components) {
                registered |= rc.getName().equals("idNumber");
            }
            for (RecordComponent rc : components) {
                boolean identity = PERSONAL.contains(rc.getName()) || registered && rc.getName().equals("name");
                if (identity) {
                    checked++;
                    if (rc.getType() != PersonalValue.class) {
                        offences.add(type.getName() + "." + rc.getName() + " is " + rc.getType().getSimpleName());
                    }
                }
            }
        }
        assertThat(checked).as("personal components found (the rule must see the views)").isGreaterThanOrEqualTo(12);
        assertThat(offences).as("personal values in views must be PersonalValue (masked unless revealed)").isEmpty();
    }

    @Test
    void onlyTheRevealServiceWritesFullViewAuditEntries() {
        noClasses().that().resideOutsideOfPackage("org.cordon.account..")
                .should().accessField(AuditLog.Action.class, "VIEW_FULL")
                .because("every full view goes through PersonalDataManagement, which checks permission and jurisdiction")
                .check(MAIN);
    }

    @Test
    void onlyTheValueTypesMask() {
        noClasses().that().resideOutsideOfPackages("org.cordon.account..", "org.cordon.shared..")
                .should().dependOnClassesThat().belongToAnyOf(Masking.class)
                .because("views mask through PersonalValue / Disclosure, so masking has one implementation")
                .check(MAIN);
    }

    @Test
    void webCodeCannotReachTheTrustedHandOver() {
        noClasses().that().resideInAPackage("..web..")
                .should().dependOnClassesThat().belongToAnyOf(ScreenedOccupants.class, org.cordon.notice.SignupHandover.class)
                .because("decrypted personal data without jurisdiction checks is for event listeners only")
                .check(MAIN);
    }
}

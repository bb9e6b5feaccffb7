package org.cordon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure (shared, account, area, checkpoint) and its documentation in target/spring-modulith-docs. */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(CordonApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void theExpectedModulesExist() {
        assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("shared", "account", "area", "checkpoint");
    }

    @Test
    void writesDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}

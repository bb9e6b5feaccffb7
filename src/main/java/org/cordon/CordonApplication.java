package org.cordon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Cordon — joint epidemic prevention and control platform (联防联控指挥平台). */
@SpringBootApplication
// the shared kernel (database, web plumbing, value types) and the access model (accounts, permissions, audit) are part
// of every module test's context
@org.springframework.modulith.Modulithic(sharedModules = {"shared", "account"})
@ConfigurationPropertiesScan
public class CordonApplication {
    public static void main(String[] args) {
        SpringApplication.run(CordonApplication.class, args);
    }
}

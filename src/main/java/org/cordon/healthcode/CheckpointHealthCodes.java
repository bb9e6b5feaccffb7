package org.cordon.healthcode;

import java.time.Instant;

import org.cordon.checkpoint.HealthCodeReader;
import org.cordon.registry.RegisteredIdentity;
import org.cordon.registry.RegistryManagement;
import org.springframework.stereotype.Component;

/** The checkpoint's reader of scanned codes: a valid code of this platform stands in for the holder's identity. */
@Component
class CheckpointHealthCodes implements HealthCodeReader {

    private final HealthCodeManagement codes;
    private final RegistryManagement registry;

    CheckpointHealthCodes(HealthCodeManagement codes, RegistryManagement registry) {
        this.codes = codes;
        this.registry = registry;
    }

    @Override
    public Holder read(String token, Instant at) {
        Verification v = codes.verifyAsOf(token, at);
        if (!v.valid()) {
            throw new InvalidCodeException(v.problem());
        }
        if (!v.ownIssuer()) {
            throw new InvalidCodeException("OTHER_ISSUER");
        }
        RegisteredIdentity who = codes.holderOf(v).flatMap(registry::registeredIdentity)
                .orElseThrow(() -> new InvalidCodeException("UNKNOWN_KEY"));
        return new Holder(v.codeId(), v.color().name(), who.idNumber(), who.nationality(), who.name(), who.phone());
    }

    @Override
    public String issuer() {
        return codes.settings().issuer();
    }
}

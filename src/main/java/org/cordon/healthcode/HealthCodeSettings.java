package org.cordon.healthcode;

import java.time.Duration;
import java.time.Period;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The health code ({@code cordon.health-code.*}).
 *
 * @param issuer       this platform's issuer name in every code ({@code iss}); other cities trust it with the keys
 * @param homeProvince the first two digits of the city's division code: arrivals from elsewhere are another province's
 * @param validity     how long a code shown on a phone is valid (it refreshes itself while online)
 * @param cardValidity how long a printed code card is valid
 * @param refresh      how often the page showing a code fetches a fresh one while online
 * @param rotation     a signing key older than this is replaced by a new one (the old one stays published until its
 *                     codes have expired)
 * @param lookBack     how far back arrivals and declared stays count (14 days)
 * @param colours      the colour of each reason; reasons not named keep the Shaanxi 2020 colour ({@link CodeReason})
 */
@ConfigurationProperties("cordon.health-code")
public record HealthCodeSettings(@DefaultValue("CN-610881") String issuer,
                                 @DefaultValue("61") String homeProvince,
                                 @DefaultValue("PT24H") Duration validity,
                                 @DefaultValue("P7D") Duration cardValidity,
                                 @DefaultValue("PT1M") Duration refresh,
                                 @DefaultValue("P90D") Duration rotation,
                                 @DefaultValue("P14D") Period lookBack,
                                 Map<CodeReason, CodeColor> colours) {

    public HealthCodeSettings {
        colours = colours == null ? Map.of() : Map.copyOf(colours);
    }

    /** The colour a reason gives. */
    public CodeColor colourOf(CodeReason reason) {
        return colours.getOrDefault(reason, reason.defaultColor());
    }

    /** The longest a code can stay valid: revocations older than this no longer matter. */
    public Duration longestValidity() {
        return validity.compareTo(cardValidity) >= 0 ? validity : cardValidity;
    }
}

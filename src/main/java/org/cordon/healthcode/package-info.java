/**
 * The health code (健康码): a green, yellow or red code per person, computed by configurable rules from what the
 * platform knows (observation, isolation, cases, referrals, arrivals, the person's own declaration), issued as a
 * compact JWS signed with Ed25519 that any verifier checks offline against the published keys
 * ({@code /.well-known/jwks.json}) and the list of revoked codes; other cities' issuers are trusted keys.
 * Public API: {@link org.cordon.healthcode.HealthCodeManagement} (declaration, codes, verification, revocations,
 * cards) and {@link org.cordon.healthcode.HealthCodeKeyManagement} (signing keys, trusted issuers).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Health code")
package org.cordon.healthcode;

package org.cordon.healthcode;

/** A stored declaration's answer: the code and the secret of a new link to reopen it on this phone. */
public record Declared(String secret, IssuedCode code) {
}

package org.cordon.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataCipherTests {

    static final String KEY = base64Key(1);
    static final String OTHER_KEY = base64Key(2);
    static final String ID = "11010519491231002X";

    final PersonalDataCipher cipher = cipher(KEY);

    static String base64Key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    static PersonalDataCipher cipher(String key) {
        return new PersonalDataCipher(new CryptoSettings(key, null, false));
    }

    @Test
    void roundTrip() {
        for (String value : new String[] {ID, "13800138000", "", "张三 𠀀 emoji 😷"}) {
            byte[] sealed = cipher.encrypt("idNumber", value);
            assertThat(cipher.decrypt("idNumber", sealed)).isEqualTo(value);
        }
    }

    @Test
    void theCiphertextHidesThePlaintext() {
        byte[] sealed = cipher.encrypt("idNumber", ID);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(ID).doesNotContain("19491231");
        // version · 12-byte nonce · ciphertext · 16-byte tag
        assertThat(sealed).hasSize(1 + 12 + ID.length() + 16);
        assertThat(sealed[0]).isEqualTo((byte) 1);
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        byte[] first = cipher.encrypt("idNumber", ID);
        byte[] second = cipher.encrypt("idNumber", ID);
        assertThat(first).isNotEqualTo(second);
        assertThat(java.util.Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(java.util.Arrays.copyOfRange(second, 1, 13));
        assertThat(cipher.decrypt("idNumber", first)).isEqualTo(cipher.decrypt("idNumber", second)).isEqualTo(ID);
    }

    @Test
    void tamperingIsDetected() {
        byte[] sealed = cipher.encrypt("idNumber", ID);
        for (int position : new int[] {1, 13, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 0x01;
            assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("idNumber", tampered))
                    .withMessageContaining("tampered");
        }
        byte[] wrongVersion = sealed.clone();
        wrongVersion[0] = 2;
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("idNumber", wrongVersion))
                .withMessageContaining("version");
    }

    @Test
    void aValueCannotBeMovedToAnotherField() {
        byte[] sealed = cipher.encrypt("idNumber", ID);
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt("phone", sealed))
                .withMessageContaining("Decryption failed");
    }

    @Test
    void anotherKeyCannotDecrypt() {
        byte[] sealed = cipher.encrypt("idNumber", ID);
        assertThatIllegalStateException().isThrownBy(() -> cipher(OTHER_KEY).decrypt("idNumber", sealed))
                .withMessageContaining("wrong key");
        assertThat(cipher(KEY).decrypt("idNumber", sealed)).as("same key, new instance").isEqualTo(ID);
    }

    @Test
    void nullDecryptsToNull() {
        assertThat(cipher.decrypt("phone", null)).isNull();
    }

    @Test
    void theHashIsDeterministicAndKeyDependent() {
        byte[] hash = cipher.hash("idNumber", ID);
        assertThat(hash).hasSize(32);
        assertThat(cipher.hash("idNumber", ID)).isEqualTo(hash);
        assertThat(cipher(KEY).hash("idNumber", ID)).isEqualTo(hash);
        assertThat(cipher(OTHER_KEY).hash("idNumber", ID)).isNotEqualTo(hash);
        assertThat(cipher.hash("phone", ID)).as("field-dependent").isNotEqualTo(hash);
        assertThat(cipher.hash("idNumber", "11010519491231002Y")).isNotEqualTo(hash);
        // the field and the value are separated: ("ab", "c") is not ("a", "bc")
        assertThat(cipher.hash("ab", "c")).isNotEqualTo(cipher.hash("a", "bc"));
    }

    @Test
    void aMissingKeyFailsWithAClearMessage() {
        assertThatIllegalStateException().isThrownBy(() -> new PersonalDataCipher(new CryptoSettings(null, null, false)))
                .withMessageContaining("No key for personal data at rest")
                .withMessageContaining("CORDON_CRYPTO_KEY");
        assertThatIllegalStateException().isThrownBy(() -> new PersonalDataCipher(new CryptoSettings(" ", null, false)))
                .withMessageContaining("CORDON_CRYPTO_KEY");
    }

    @Test
    void aShortOrMalformedKeyIsRefused() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatIllegalStateException().isThrownBy(() -> cipher(short16))
                .withMessageContaining("cordon.crypto.key must hold at least 32 bytes");
        assertThatIllegalStateException().isThrownBy(() -> cipher("not base64 at all!"))
                .withMessageContaining("cordon.crypto.key is not valid base64");
    }

    @Test
    void theKeyFileIsCreatedOnceWhenAllowed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/cordon.key");
        PersonalDataCipher first = new PersonalDataCipher(new CryptoSettings(null, file, true));
        assertThat(file).exists();
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        byte[] sealed = first.encrypt("idNumber", ID);

        PersonalDataCipher second = new PersonalDataCipher(new CryptoSettings(null, file, false));
        assertThat(second.decrypt("idNumber", sealed)).isEqualTo(ID);
        assertThat(second.hash("idNumber", ID)).isEqualTo(first.hash("idNumber", ID));
    }

    @Test
    void aMissingKeyFileIsNotCreatedUnlessAllowed(@TempDir Path dir) {
        Path file = dir.resolve("cordon.key");
        assertThatIllegalStateException().isThrownBy(() -> new PersonalDataCipher(new CryptoSettings(null, file, false)))
                .withMessageContaining("does not exist");
        assertThat(file).doesNotExist();
    }

    @Test
    void theConfiguredKeyTakesPrecedenceOverTheKeyFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cordon.key");
        Files.writeString(file, OTHER_KEY + "\n");
        PersonalDataCipher both = new PersonalDataCipher(new CryptoSettings(KEY, file, false));
        assertThat(both.hash("idNumber", ID)).isEqualTo(cipher.hash("idNumber", ID));
        PersonalDataCipher fromFile = new PersonalDataCipher(new CryptoSettings(null, file, false));
        assertThat(fromFile.hash("idNumber", ID)).isEqualTo(cipher(OTHER_KEY).hash("idNumber", ID));
    }
}

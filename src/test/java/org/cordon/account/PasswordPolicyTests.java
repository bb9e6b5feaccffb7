package org.cordon.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.cordon.shared.FieldProblem;
import org.junit.jupiter.api.Test;

/** The password policy as a security reviewer reads it: long, not guessable, no 500 above bcrypt's 72 bytes. */
class PasswordPolicyTests {

    static final SignInSettings SETTINGS = new SignInSettings(5, 10, 20, 50, Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), 12, "Cordon");
    static final PasswordPolicy POLICY = new PasswordPolicy(SETTINGS);

    static List<String> codes(String username, String password) {
        return POLICY.check("password", username, password).stream().map(FieldProblem::code).toList();
    }

    @Test
    void theListOfCommonPasswordsIsShipped() {
        assertThat(POLICY.commonPasswords()).isGreaterThan(49_000);
    }

    @Test
    void shortCommonOrGuessablePasswordsAreRefused() {
        assertThat(codes("zhang.wei", "12345678")).contains("validation.password.tooShort", "validation.password.common");
        assertThat(codes("zhang.wei", "password1234")).containsExactly("validation.password.common");
        assertThat(codes("zhang.wei", "qwertyuiop12")).contains("validation.password.common");
        assertThat(codes("zhang.wei", "QWERTYUIOP123")).contains("validation.password.common");
        assertThat(codes("zhang.wei", "Password2020!")).containsExactly("validation.password.common");
        assertThat(codes("zhang.wei", "!!Dragon!!2020")).containsExactly("validation.password.common");
        assertThat(codes("zhang.wei", "cordon-2020-08")).containsExactly("validation.password.common");
        assertThat(codes("zhang.wei", "xx-zhang.wei-yy")).containsExactly("validation.password.username");
        assertThat(codes("zhang.wei", "yy-iew.gnahz-xx")).containsExactly("validation.password.username");
        assertThat(codes("zhang.wei", "my pin 987654 ok")).containsExactly("validation.password.sequence");
        assertThat(codes("zhang.wei", "zzzzz-horse-battery")).containsExactly("validation.password.repeated");
    }

    @Test
    void longPasswordsAreMeasuredInBytesAndGetAClearMessage() {
        String chinese = "我们一起抗击疫情守护家园平安健康".repeat(2); // 32 characters, 96 bytes
        List<FieldProblem> problems = POLICY.check("password", "zhang.wei", chinese);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("validation.password.tooManyBytes");
            assertThat(p.args()).containsExactly(72, 96);
        });
        assertThat(codes("zhang.wei", "a-sentence-".repeat(6) + "ok")).isEmpty();           // 68 bytes
        String seventyTwo = "tea-at-the-bridge-".repeat(4);                                      // 72 bytes: bcrypt reads all
        assertThat(seventyTwo.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(72);
        assertThat(codes("zhang.wei", seventyTwo)).isEmpty();
        assertThat(codes("zhang.wei", seventyTwo + "!")).containsExactly("validation.password.tooManyBytes");
    }

    @Test
    void goodPasswordsPass() {
        assertThat(codes("zhang.wei", "correct horse battery staple")).isEmpty();
        assertThat(codes("zhang.wei", "神木联防第三检查点夜班岗")).isEmpty();
        assertThat(codes(null, "Tea at 7 on the bridge")).isEmpty();
        assertThat(codes("zhang.wei", "")).containsExactly("validation.password.required");
    }
}

package org.cordon.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two-step verification on a phone: a commander turns it on (QR code, secret, a code from the app, the
 * recovery codes shown once), signs out, and signs in again with the password and then a code; before the
 * code no page opens.
 */
class TwoFactorBrowserTests extends BrowserTestSupport {

    static final String PASSWORD = "command post in the snow";

    @Autowired
    AccountManagement accounts;

    /** The code an authenticator app shows for {@code secret}, {@code offset} 30-second steps from now. */
    static String code(String secret, int offset) throws Exception {
        while (Instant.now().getEpochSecond() % 30 > 24) {
            Thread.sleep(500);
        }
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, Instant.now().getEpochSecond() / 30 + offset);
    }

    @Test
    void aCommanderTurnsOnTwoStepVerificationAndSignsInWithACode() throws Exception {
        String name = "tfb" + UUID.randomUUID().toString().substring(0, 6);
        accounts.createAccount(new NewAccount(name, PASSWORD, "两步验证指挥员", Role.COMMANDER, "610881", Set.of()));
        signIn(name, PASSWORD);

        driver.findElement(By.id("nav-two-factor")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("two-factor-qr")));
        String secret = driver.findElement(By.id("two-factor-secret")).getText().trim();
        assertThat(secret).matches("[A-Z2-7]{32}");
        screenshot("two-factor-1-enrol");
        driver.findElement(By.id("code")).sendKeys(code(secret, -1));
        driver.findElement(By.cssSelector("#two-factor-enrol button[type=submit]")).click();
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("recovery-codes")));
        assertThat(driver.findElements(By.cssSelector("#recovery-codes li"))).hasSize(10);
        screenshot("two-factor-2-recovery-codes");

        // sign out; the password alone leads to the code page and no further
        driver.manage().deleteAllCookies();
        driver.get(base() + "/login");
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.urlContains("/login/code"));
        screenshot("two-factor-3-code");
        driver.get(base() + "/dashboard");
        waiting().until(ExpectedConditions.urlContains("/login"));
        assertThat(driver.getCurrentUrl()).doesNotContain("/dashboard");

        driver.get(base() + "/login");
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.urlContains("/login/code"));
        driver.findElement(By.id("code")).sendKeys(code(secret, 0));
        driver.findElement(By.id("code-submit")).click();
        waiting().until(ExpectedConditions.urlContains("/dashboard"));
        screenshot("two-factor-4-signed-in");
    }
}

package org.cordon.supplies;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.cordon.account.AccountManagement;
import org.cordon.account.CordonUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;

/**
 * Supplies with the modules they depend on: a money donation is recorded and announced (the dashboard, which counts it,
 * is not in this context), and its tally is what the dashboard will read through the API.
 */
// the registry (a dependency of the portal) takes screened occupants over from the checkpoint module: included with it
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "checkpoint")
@ActiveProfiles("test")
class SuppliesModuleTests {

    @Autowired
    DonationManagement donations;

    @Autowired
    AccountManagement accounts;

    @Test
    void aMoneyDonationIsAnnouncedAndTallied(Scenario scenario) {
        CordonUser clerk = (CordonUser) accounts.loadUserByUsername("clerk");
        LocalDate day = LocalDate.of(2019, 1 + (int) (Math.random() * 12), 1 + (int) (Math.random() * 28));
        long before = donations.donationTallies().stream().filter(t -> t.day().equals(day)).mapToLong(DonationTally::donations).sum();
        DonationRequest request = new DonationRequest(DonationKind.MONEY, DonorType.PERSON, "模块测试捐赠人", false,
                new BigDecimal("500.00"), DonationChannel.BANK, null, null, null, day, null, null, List.of());

        scenario.stimulate(() -> donations.recordDonation(clerk, request))
                .andWaitForEventOfType(DonationReceived.class)
                .toArriveAndVerify(e -> {
                    assertThat(donations.donationTally(e.donationId())).get()
                            .satisfies(t -> assertThat(t.amount()).isEqualByComparingTo("500.00"));
                    assertThat(donations.donationTallies().stream().filter(t -> t.day().equals(day)).mapToLong(DonationTally::donations).sum())
                            .isEqualTo(before + 1);
                });
    }
}

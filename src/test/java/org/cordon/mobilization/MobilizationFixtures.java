package org.cordon.mobilization;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.cordon.account.AccountManagement;
import org.cordon.account.NewAccount;
import org.cordon.account.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Fresh accounts, names and duty dates for the mobilisation tests (the database is shared and never wiped). */
final class MobilizationFixtures {

    static final String PASSWORD = "password1-for-tests";
    /** 中鸡镇, the town of KK01. */
    static final String ZHONGJI = "610881106";
    /** 大柳塔镇, the town of KK02. */
    static final String DALIUTA = "610881104";

    private final AccountManagement accounts;
    private final JdbcClient jdbc;

    MobilizationFixtures(AccountManagement accounts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    static RequestPostProcessor login(String username) {
        return httpBasic(username, PASSWORD);
    }

    /** A new volunteer coordinator with the given area (city or town). */
    String coordinator(String areaCode) {
        String username = fresh("coord");
        accounts.createAccount(new NewAccount(username, PASSWORD, "志愿者协调" + username, Role.VOLUNTEER_COORDINATOR, areaCode, Set.of()));
        return username;
    }

    /** A new checkpoint officer posted to the given checkpoints. */
    String officer(String... checkpoints) {
        String username = fresh("off");
        accounts.createAccount(new NewAccount(username, PASSWORD, "执勤员" + username, Role.OFFICER, null, Set.of(checkpoints)));
        return username;
    }

    /** A duty date far in the future on which no shift exists yet. */
    LocalDate freshDutyDate() {
        while (true) {
            LocalDate date = LocalDate.of(2040, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000));
            Long n = jdbc.sql("select count(*) from duty_shift where shift_date between ? and ?")
                    .params(date.minusDays(1), date.plusDays(2)).query(Long.class).single();
            if (n == 0) {
                return date;
            }
        }
    }

    /** Id of the seeded temporary branch of KK01. */
    long kk01Branch() {
        return jdbc.sql("select id from party_branch where kind = 'CHECKPOINT' and checkpoint_code = 'KK01'").query(Long.class).single();
    }
}

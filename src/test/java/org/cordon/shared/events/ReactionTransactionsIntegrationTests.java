package org.cordon.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Event reactions commit without waiting for the disk; every other transaction waits (see {@link ReactionTransactions}
 * for why no reaction is lost that way).
 */
class ReactionTransactionsIntegrationTests extends IntegrationTestSupport {

    @Autowired
    PlatformTransactionManager transactions;

    private String synchronousCommitIn(String transactionName) {
        return setting(transactionName, "synchronous_commit");
    }

    private String setting(String transactionName, String name) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setName(transactionName);
        return template.execute(s -> jdbc.sql("select current_setting(?)").param(name).query(String.class).single());
    }

    @Test
    void theReactionsAreKnownByTheirTransactionNames() {
        assertThat(transactions).isInstanceOf(ReactionTransactions.ReactionTransactionManager.class);
        assertThat(((ReactionTransactions.ReactionTransactionManager) transactions).reactions())
                .contains("org.cordon.dashboard.DashboardListeners.on", "org.cordon.registry.CheckpointHandover.on",
                        "org.cordon.observation.ObservationListeners.on")
                .noneMatch(n -> n.contains("CheckpointManagement"));
    }

    @Test
    void aReactionCommitsAsynchronouslyAndEverythingElseDurably() {
        assertThat(synchronousCommitIn("org.cordon.dashboard.DashboardListeners.on")).isEqualTo("off");
        assertThat(synchronousCommitIn("org.cordon.checkpoint.CheckpointManagement.registerPassage")).isEqualTo("on");
        assertThat(synchronousCommitIn(null)).isEqualTo("on");
        assertThat(setting("org.cordon.dashboard.DashboardListeners.on", "plan_cache_mode")).isEqualTo("force_custom_plan");
        assertThat(setting("org.cordon.checkpoint.CheckpointManagement.registerPassage", "plan_cache_mode")).isEqualTo("auto");
        // only for that transaction: the connection goes back to the pool durable
        assertThat(jdbc.sql("select current_setting('synchronous_commit')").query(String.class).single()).isEqualTo("on");
    }
}

package org.cordon.shared.events;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The transactions of event reactions commit without waiting for the disk ({@code synchronous_commit = off} for that
 * transaction only); every other transaction — a registration, a form, an import, anything acknowledged to a person —
 * waits for its commit to be on disk as before.
 *
 * <p>Why nothing is lost: a reaction's effects, the events it publishes and its publication's completion are written
 * after the event's publication, which was committed durably with the data that raised it (the write-ahead log is one
 * sequence, and flushing a later record flushes every earlier one). If the database crashes before a reaction's commit
 * reaches the disk, that reaction is gone with everything it wrote, its publication is still incomplete, and it is
 * delivered again (resubmitted as an incomplete publication, see the README's *Event reactions*) — the listeners
 * are idempotent for exactly that reason. What is saved: a wait for the disk per reaction (a registration from a risk
 * area has about eight), on the cores the registrations need. {@code cordon.events.reaction-commit=sync} turns it off.
 * Reactions also plan their statements for the values given ({@code plan_cache_mode = force_custom_plan}).
 *
 * <p>A reaction's transaction is recognised by its name: Spring names a {@code @Transactional} method's transaction
 * after the method ({@code org.cordon.dashboard.DashboardListeners.on}); the names of all
 * {@link ApplicationModuleListener} methods are collected once at start-up.
 */
@Configuration(proxyBeanMethods = false)
class ReactionTransactions {

    @Bean
    ReactionTransactionManager transactionManager(DataSource dataSource,
                                                  @org.springframework.beans.factory.annotation.Value("${cordon.events.reaction-commit:async}") String commit) {
        return new ReactionTransactionManager(dataSource, !"sync".equalsIgnoreCase(commit.trim()));
    }

    @Bean
    static SmartInitializingSingleton reactionNames(ConfigurableListableBeanFactory beans,
                                                    org.springframework.beans.factory.ObjectProvider<ReactionTransactionManager> manager) {
        return () -> {
            Set<String> names = new HashSet<>();
            for (String bean : beans.getBeanDefinitionNames()) {
                Class<?> type = beans.getType(bean, false);
                if (type == null || !type.getName().startsWith("org.cordon.")) {
                    continue;
                }
                Class<?> user = ClassUtils.getUserClass(type);
                for (Method m : ReflectionUtils.getUniqueDeclaredMethods(user)) {
                    if (AnnotatedElementUtils.hasAnnotation(m, ApplicationModuleListener.class)) {
                        names.add(user.getName() + "." + m.getName());
                    }
                }
            }
            manager.ifAvailable(t -> t.reactions(names));
        };
    }

    /** The platform's transaction manager: a JDBC one that lets reaction transactions commit asynchronously. */
    static final class ReactionTransactionManager extends JdbcTransactionManager {

        private volatile Set<String> reactions = Set.of();
        private final String settings;

        ReactionTransactionManager(DataSource dataSource, boolean asynchronousCommit) {
            super(dataSource);
            // custom plans: a reaction's statements take a list of ids (a passage's two returnees, a roster chunk's
            // thousand) as an array; a generic plan, made once for any length, guessed a hundred and scanned whole
            // tables for a passage's two (bench/registration: 4,100 returnee and 1,400 episode rows read per passage)
            this.settings = (asynchronousCommit ? "set local synchronous_commit to off; " : "")
                    + "set local plan_cache_mode to force_custom_plan";
        }

        void reactions(Set<String> names) {
            this.reactions = Set.copyOf(names);
        }

        /** The transaction names taken for reactions. */
        Set<String> reactions() {
            return reactions;
        }

        @Override
        protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
            super.prepareTransactionalConnection(con, definition);
            String name = definition.getName();
            if (name != null && reactions.contains(name)) {
                try (Statement statement = con.createStatement()) {
                    statement.execute(settings);
                }
            }
        }
    }
}

package org.cordon.shared.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.cordon.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which database a query reaches: two pools on the embedded server, told apart by their {@code application_name}
 * ("primary", "replica"), behind {@link ReplicaRouting}'s proxy, with Spring's transactions and the
 * {@link ReplicaReads} advisor in a small context of their own. Only the read-only transactions that a
 * {@code @ReplicaReads} method begins reach the replica. Without {@code cordon.datasource.replica.url} (this test
 * context) the application's DataSource is not wrapped at all.
 */
class ReplicaRoutingIntegrationTests extends IntegrationTestSupport {

    @Autowired
    DataSource dataSource;

    /** What the application's transactional classes look like. */
    public static class Reader {
        final JdbcTemplate jdbc;
        Reader self;

        public Reader(DataSource ds) {
            this.jdbc = new JdbcTemplate(ds);
        }

        String who() {
            return jdbc.queryForObject("select current_setting('application_name')", String.class);
        }

        @ReplicaReads
        @Transactional(readOnly = true)
        public String replicaRead() {
            return who();
        }

        @Transactional(readOnly = true)
        public String plainReadOnly() {
            return who();
        }

        @ReplicaReads
        @Transactional
        public String readWrite() {
            return who();
        }

        @ReplicaReads
        public String withoutTransaction() {
            return who();
        }

        /** A write transaction that then calls a replica read: it must see its own writes, so the primary. */
        @Transactional
        public String[] writeThenReplicaRead() {
            return new String[] {who(), self.replicaRead()};
        }
    }

    /** A whole class marked. */
    @ReplicaReads
    public static class MarkedReader {
        final JdbcTemplate jdbc;

        public MarkedReader(DataSource ds) {
            this.jdbc = new JdbcTemplate(ds);
        }

        @Transactional(readOnly = true)
        public String read() {
            return jdbc.queryForObject("select current_setting('application_name')", String.class);
        }
    }

    /** Registered by hand (not a nested {@code @Configuration}, which would replace this test's own context). */
    @EnableTransactionManagement
    @Import(ReplicaRouting.class)
    static class Tiny {
    }

    HikariDataSource pool(String name) {
        HikariDataSource app = (HikariDataSource) dataSource;
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(app.getJdbcUrl());
        pool.setUsername(app.getUsername());
        pool.setPassword(app.getPassword());
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        pool.setConnectionInitSql("set application_name = '" + name + "'");
        return pool;
    }

    @Test
    void withoutAReplicaTheDataSourceIsThePrimaryAsBefore() {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class).isNotInstanceOf(LazyConnectionDataSourceProxy.class);
    }

    @Test
    void onlyReadOnlyTransactionsOfReplicaReadsMethodsReachTheReplica() {
        try (HikariDataSource primary = pool("primary"); HikariDataSource replica = pool("replica");
             AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            LazyConnectionDataSourceProxy routing = ReplicaRouting.routing(primary, replica);
            context.register(Tiny.class);
            context.registerBean("transactionManager", DataSourceTransactionManager.class, () -> new DataSourceTransactionManager(routing));
            context.registerBean(Reader.class, () -> new Reader(routing));
            context.registerBean(MarkedReader.class, () -> new MarkedReader(routing));
            context.refresh();
            Reader reader = context.getBean(Reader.class);
            // the nested call goes through the proxy, as a call from another bean would
            Reader target = org.springframework.test.util.AopTestUtils.getTargetObject(reader);
            target.self = reader;

            assertThat(reader.replicaRead()).isEqualTo("replica");
            assertThat(context.getBean(MarkedReader.class).read()).as("a class marked").isEqualTo("replica");
            assertThat(reader.plainReadOnly()).as("read-only, not marked").isEqualTo("primary");
            assertThat(reader.readWrite()).as("marked, read-write").isEqualTo("primary");
            assertThat(reader.withoutTransaction()).as("marked, no transaction").isEqualTo("primary");
            assertThat(reader.writeThenReplicaRead()).as("inside a write transaction").containsExactly("primary", "primary");
            assertThat(ReplicaRouting.replicaReads()).as("the mark is gone after the call").isFalse();
            assertThat(reader.replicaRead()).as("and back again").isEqualTo("replica");
        }
    }

    @Test
    void theReplicaPoolTakesThePrimarysSizeAndCredentialsAndIsReadOnly() {
        HikariDataSource app = (HikariDataSource) dataSource;
        try (HikariDataSource replica = ReplicaRouting.replicaPool(new ReplicaSettings(app.getJdbcUrl(), "", null), app)) {
            assertThat(replica.getUsername()).isEqualTo(app.getUsername());
            assertThat(replica.getMaximumPoolSize()).isEqualTo(app.getMaximumPoolSize());
            assertThat(replica.isReadOnly()).isTrue();
            assertThat(new JdbcTemplate(replica).queryForObject("show transaction_read_only", String.class)).isEqualTo("on");
        }
        // Boot's pool before it starts leaves minimum-idle unset (-1): the replica's pool is made all the same
        try (HikariDataSource unstarted = new HikariDataSource()) {
            unstarted.setMaximumPoolSize(7);
            try (HikariDataSource replica = ReplicaRouting.replicaPool(new ReplicaSettings(app.getJdbcUrl(), app.getUsername(),
                    app.getPassword()), unstarted)) {
                assertThat(replica.getMaximumPoolSize()).isEqualTo(7);
                assertThat(new JdbcTemplate(replica).queryForObject("select 1", Integer.class)).isEqualTo(1);
            }
        }
    }
}

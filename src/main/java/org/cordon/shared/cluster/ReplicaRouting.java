package org.cordon.shared.cluster;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * Read-only traffic to a streaming replica, when {@code cordon.datasource.replica.url} is set: the application's
 * DataSource (bean {@code dataSource}) becomes a {@link LazyConnectionDataSourceProxy} over the primary whose
 * read-only DataSource ({@link LazyConnectionDataSourceProxy#setReadOnlyDataSource}) hands out a replica connection
 * to transactions that are read-only and begun by a {@link ReplicaReads} method, and a primary connection to every
 * other read-only transaction (staff's lists must show what they have just written). Read-write transactions and
 * statements outside transactions always go to the primary; Flyway migrates the primary. The replica has a pool of
 * its own, the primary's size and timeouts, its connections read-only. Without the property nothing is wrapped.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaRouting {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);
    private static final ThreadLocal<Boolean> REPLICA_READS = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** Whether the current thread runs inside a {@link ReplicaReads} method. */
    static boolean replicaReads() {
        return REPLICA_READS.get();
    }

    /** Marks the thread while a {@link ReplicaReads} method runs (and restores what was before: nesting). */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor replicaReadsAdvisor() {
        ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(ReplicaReads.class, true))
                .union(new AnnotationMatchingPointcut(null, ReplicaReads.class, true));
        MethodInterceptor interceptor = invocation -> {
            Boolean before = REPLICA_READS.get();
            REPLICA_READS.set(Boolean.TRUE);
            try {
                return invocation.proceed();
            } finally {
                REPLICA_READS.set(before);
            }
        };
        return new DefaultPointcutAdvisor(pointcut, interceptor);
    }

    @Bean
    static ReplicaWrapping replicaWrapping() {
        return new ReplicaWrapping();
    }

    /** Wraps the bean {@code dataSource} when a replica is configured. */
    static final class ReplicaWrapping implements BeanPostProcessor, EnvironmentAware, DisposableBean {

        private ReplicaSettings settings;
        private HikariDataSource replica;

        @Override
        public void setEnvironment(Environment environment) {
            this.settings = Binder.get(environment).bind("cordon.datasource.replica", ReplicaSettings.class)
                    .orElse(new ReplicaSettings(null, null, null));
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (!"dataSource".equals(beanName) || !(bean instanceof DataSource primary) || !settings.configured()) {
                return bean;
            }
            replica = replicaPool(settings, primary);
            log.info("Read-only transactions of @ReplicaReads methods go to the replica {}", settings.url());
            return routing(primary, replica);
        }

        @Override
        public void destroy() {
            if (replica != null) {
                replica.close();
            }
        }
    }

    /** The routing proxy over a primary and a replica DataSource. */
    static LazyConnectionDataSourceProxy routing(DataSource primary, DataSource replica) {
        LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(primary);
        proxy.setReadOnlyDataSource(new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return (replicaReads() ? replica : primary).getConnection();
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return (replicaReads() ? replica : primary).getConnection(username, password);
            }
        });
        return proxy;
    }

    static HikariDataSource replicaPool(ReplicaSettings settings, DataSource primary) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("cordon-replica");
        pool.setJdbcUrl(settings.url());
        HikariDataSource primaryPool = primary instanceof HikariDataSource h ? h : null;
        pool.setUsername(blank(settings.username()) && primaryPool != null ? primaryPool.getUsername() : settings.username());
        pool.setPassword(blank(settings.password()) && primaryPool != null ? primaryPool.getPassword() : settings.password());
        if (primaryPool != null) {
            pool.setMaximumPoolSize(primaryPool.getMaximumPoolSize());
            if (primaryPool.getMinimumIdle() >= 0) { // -1: not set (Hikari then keeps the maximum)
                pool.setMinimumIdle(primaryPool.getMinimumIdle());
            }
            pool.setConnectionTimeout(primaryPool.getConnectionTimeout());
            pool.setValidationTimeout(primaryPool.getValidationTimeout());
        }
        pool.setReadOnly(true);
        // PostgreSQL's driver makes even statements outside a transaction read-only (its default: only transactions)
        pool.addDataSourceProperty("readOnlyMode", "always");
        return pool;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

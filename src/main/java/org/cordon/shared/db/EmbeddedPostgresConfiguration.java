package org.cordon.shared.db;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.cordon.shared.CordonSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * The embedded PostgreSQL ({@link EmbeddedPostgresServer}) when no external datasource is
 * configured: the application's pool connects as the unprivileged role {@code cordon_app}, with the
 * {@code spring.datasource.hikari.*} settings (pool size, timeouts) that apply to an external
 * database too; Flyway migrates as the database owner. Several Spring contexts of one JVM (as in
 * tests) share one server; it stops when the last of them closes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatasource.class)
class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "release")
    EmbeddedPostgresServer embeddedPostgresServer(CordonSettings settings, EmbeddedPostgresSettings embedded) {
        return EmbeddedPostgresServer.acquire(settings.dataDir().resolve(embedded.directory()), embedded);
    }

    @Bean(destroyMethod = "close")
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(server.jdbcUrl());
        ds.setUsername(server.appUser());
        ds.setPassword(server.appPassword());
        ds.setPoolName("cordon-embedded");
        return ds;
    }

    /** Migrations run as the owner of the database, not as the application role. */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    DataSource flywayDataSource(EmbeddedPostgresServer server) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl(), server.owner(), server.ownerPassword());
    }

    static class NoExternalDatasource implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}

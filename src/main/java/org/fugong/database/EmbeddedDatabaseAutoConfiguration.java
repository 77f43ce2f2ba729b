package org.fugong.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Without {@code spring.datasource.url} the application runs on its own PostgreSQL server. The
 * server is kept per JVM and data folder, so test contexts in one JVM share one database.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseAutoConfiguration {

    private static final Map<String, EmbeddedPostgresServer> servers = new HashMap<>();
    private static final Map<EmbeddedPostgresServer, EmbeddedPostgresServer> replicas = new HashMap<>();
    private static final String REPLICA = "fugong_replica";

    // Shared by every context of the JVM and stopped by its own shutdown hook, not by a context.
    @Bean(destroyMethod = "")
    @Primary
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedDatabaseProperties properties) {
        synchronized (servers) {
            String key = properties.ephemeral()
                    ? "ephemeral"
                    : properties.dataDirectory().toAbsolutePath().toString();
            EmbeddedPostgresServer server = servers.computeIfAbsent(key, k -> {
                Path folder = properties.ephemeral() ? temporaryFolder() : properties.dataDirectory();
                EmbeddedPostgresServer started =
                        EmbeddedPostgresServer.start(folder, properties.port(), properties.ephemeral());
                if (!properties.ephemeral()) {
                    // A replica of an earlier run of this folder would otherwise hold every commit until it is back.
                    started.makeAsynchronous();
                }
                return started;
            });
            server.createDatabaseIfMissing(properties.database());
            return server;
        }
    }

    /**
     * The embedded server's streaming replica, one per server. It is synchronous: a commit on the server
     * returns once the replica has applied it, so that a page reads on the replica what the previous
     * request wrote (a production replica is usually asynchronous, a dashboard then a moment behind).
     */
    @Bean(destroyMethod = "")
    @ConditionalOnProperty(name = "fugong.embedded-postgres.replica", havingValue = "true")
    EmbeddedPostgresServer embeddedReplicaServer(
            EmbeddedPostgresServer embeddedPostgresServer, EmbeddedDatabaseProperties properties) {
        synchronized (replicas) {
            return replicas.computeIfAbsent(embeddedPostgresServer, primary -> {
                try {
                    Path folder = properties.ephemeral()
                            ? temporaryFolder()
                            : properties
                                    .dataDirectory()
                                    .resolveSibling(properties.dataDirectory().getFileName() + "-replica");
                    EmbeddedPostgresServer started = primary.startReplica(folder, REPLICA);
                    primary.makeSynchronous(REPLICA, properties.database());
                    return started;
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not start the embedded replica", e);
                }
            });
        }
    }

    @Bean
    @ConditionalOnProperty(name = "fugong.embedded-postgres.replica", havingValue = "true")
    ReplicaConnection embeddedReplica(
            @Qualifier("embeddedReplicaServer") EmbeddedPostgresServer replica, EmbeddedDatabaseProperties properties) {
        return new ReplicaConnection(replica.jdbcUrl(properties.database()), EmbeddedPostgresServer.SUPERUSER, "");
    }

    @Bean
    JdbcConnectionDetails embeddedConnectionDetails(
            @Qualifier("embeddedPostgresServer") EmbeddedPostgresServer server, EmbeddedDatabaseProperties properties) {
        String url = server.jdbcUrl(properties.database());
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return EmbeddedPostgresServer.SUPERUSER;
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("fugong-test-db").resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

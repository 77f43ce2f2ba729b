package org.fugong.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;

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

    // Shared by every context of the JVM and stopped by its own shutdown hook, not by a context.
    @Bean(destroyMethod = "")
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedDatabaseProperties properties) {
        synchronized (servers) {
            String key = properties.ephemeral()
                    ? "ephemeral"
                    : properties.dataDirectory().toAbsolutePath().toString();
            EmbeddedPostgresServer server = servers.computeIfAbsent(key, k -> {
                Path folder = properties.ephemeral() ? temporaryFolder() : properties.dataDirectory();
                return EmbeddedPostgresServer.start(folder, properties.port(), properties.ephemeral());
            });
            server.createDatabaseIfMissing(properties.database());
            return server;
        }
    }

    @Bean
    JdbcConnectionDetails embeddedConnectionDetails(
            EmbeddedPostgresServer server, EmbeddedDatabaseProperties properties) {
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

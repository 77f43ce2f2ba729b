package org.fugong.shell;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.fugong.database.ReplicaConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * With a reporting replica configured, the application's data source chooses per connection: the replica
 * while a {@link ReportingRead} handler runs a GET, the primary otherwise. A replica that cannot be reached
 * is left alone for a while and the primary answers, so that a dashboard never fails because of it.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaRouting implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);

    /** How long an unreachable replica is left alone before it is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** How long a replica connection may take to answer that it is alive. */
    private static final int VALID_SECONDS = 1;

    @Bean
    static BeanPostProcessor replicaDataSource(ObjectProvider<ReplicaConnection> replica) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof JdbcIndexedSessionRepository && replica.getIfAvailable() != null) {
                    // The session is written when the response is committed, which may happen while a
                    // reporting handler runs: its reads and writes always go to the primary.
                    ProxyFactory factory = new ProxyFactory(bean);
                    factory.setProxyTargetClass(true);
                    factory.addAdvice((MethodInterceptor) call -> ReportingReads.onPrimaryOnly(call::proceed));
                    return factory.getProxy();
                }
                if (!"dataSource".equals(name) || !(bean instanceof DataSource primary) || bean instanceof Router) {
                    return bean;
                }
                ReplicaConnection connection = replica.getIfAvailable();
                if (connection == null) {
                    return bean;
                }
                log.info("Dashboards and reports read from the replica at {}", connection.url());
                return new Router(primary, replicaPool(connection));
            }
        };
    }

    private static HikariDataSource replicaPool(ReplicaConnection connection) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("replica");
        pool.setJdbcUrl(connection.url());
        pool.setUsername(connection.username());
        pool.setPassword(connection.password());
        pool.setReadOnly(true);
        pool.setMaximumPoolSize(10);
        pool.setConnectionTimeout(2000);
        // The pool may start while the replica is down; the primary answers meanwhile.
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method
                        && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
                        && (method.hasMethodAnnotation(ReportingRead.class)
                                || method.getBeanType().isAnnotationPresent(ReportingRead.class))) {
                    ReportingReads.begin();
                }
                return true;
            }

            @Override
            public void afterCompletion(
                    HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
                ReportingReads.end();
            }
        });
    }

    /** The primary, or the replica for a reporting read while the replica answers. */
    static final class Router extends DelegatingDataSource implements AutoCloseable {

        private final HikariDataSource replica;
        private final AtomicLong downUntil = new AtomicLong();

        Router(DataSource primary, HikariDataSource replica) {
            super(primary);
            this.replica = replica;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!ReportingReads.reporting() || System.nanoTime() - downUntil.get() < 0) {
                return super.getConnection();
            }
            try {
                Connection connection = replica.getConnection();
                // The pool hands out a connection used a moment ago without checking it; a replica restarted
                // (or one that ended the session in a conflict with its recovery) has closed it since.
                if (connection.isValid(VALID_SECONDS)) {
                    return connection;
                }
                replica.evictConnection(connection);
                throw new SQLTransientConnectionException("The replica closed the connection");
            } catch (SQLException unreachable) {
                downUntil.set(System.nanoTime() + RETRY_AFTER.toNanos());
                log.warn(
                        "The reporting replica cannot be reached ({}); the primary answers for {} s",
                        unreachable.getMessage(),
                        RETRY_AFTER.toSeconds());
                return super.getConnection();
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        /** Tries the replica again at the next reporting read, even if it failed a moment ago. */
        void retryNow() {
            downUntil.set(System.nanoTime());
        }

        /** Closes both pools with the application (the data source bean's destroy method is this one now). */
        @Override
        public void close() {
            replica.close();
            if (obtainTargetDataSource() instanceof AutoCloseable primary) {
                try {
                    primary.close();
                } catch (Exception e) {
                    log.debug("Closing the primary's pool: {}", e.getMessage());
                }
            }
        }
    }
}

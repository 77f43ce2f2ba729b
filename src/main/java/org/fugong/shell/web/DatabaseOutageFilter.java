package org.fugong.shell.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database cannot be reached — a restart, a fail-over — every request that needs it is
 * answered 503 with a Retry-After, not 500: the outage is the server's, it is temporary, and a
 * load balancer or a browser may try again. The connection pool finds the database again by itself
 * once it is back; nothing has to be restarted. Placed in front of everything, the session store
 * included, since that is the first to reach the database.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    /** The page while the database is away, in both languages (no template: it needs no database). */
    private static final String PAGE = """
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
            <meta http-equiv="refresh" content="10"><title>复工 · Fugong — 503</title></head>
            <body>
            <h1>服务暂时不可用</h1><p>数据库正在重启，页面将在 10 秒后自动重试。</p>
            <h1 lang="en">Back in a moment</h1><p lang="en">The database is restarting; this page tries again in 10 seconds.</p>
            </body></html>
            """;

    /** Seconds a client is asked to wait before it tries again. */
    static final int RETRY_AFTER = 10;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!unreachable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unreachable for {} {}: answered 503", request.getMethod(), request.getRequestURI());
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER));
            response.setCharacterEncoding("UTF-8");
            // Written here, not by the error page: that page would reach for the database again.
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setContentType("application/json");
                response.getWriter()
                        .write("{\"status\":503,\"error\":\"Service Unavailable\","
                                + "\"messageKey\":\"error.503.text\",\"retryAfterSeconds\":" + RETRY_AFTER + "}");
            } else {
                response.setContentType("text/html");
                response.getWriter().write(PAGE);
            }
        }
    }

    /** Whether the failure is the database being out of reach, not a mistake in a query. */
    static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && ((sql.getSQLState() != null
                                    && (sql.getSQLState().startsWith("08")
                                            || sql.getSQLState().equals("57P01")))
                            // The pool's answer for a connection it has closed under a failed transaction.
                            || "Connection is closed".equals(sql.getMessage()))) {
                return true;
            }
            if (cause instanceof SocketException) {
                return true;
            }
        }
        return false;
    }
}

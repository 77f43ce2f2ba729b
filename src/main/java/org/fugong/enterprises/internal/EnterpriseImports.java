package org.fugong.enterprises.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.NewEnterprise;
import org.fugong.shell.RunningWork;
import org.fugong.shell.TabularFile;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports of the registry from CSV or XLSX files. An official submits a file; a background worker
 * (on whichever instance claims it first) checks every row — nothing is saved if any row is wrong,
 * and every wrong row is reported with its line — then imports all rows in one transaction.
 * Progress is kept in the database, so the page can be left and opened again.
 */
@Service
public class EnterpriseImports {

    public static final List<String> COLUMNS = List.of(
            "uscc",
            "name",
            "legal_representative",
            "district_code",
            "township_code",
            "industry_section",
            "size",
            "above_scale",
            "staff_count",
            "key_enterprise",
            "priority_category",
            "floor_area_m2");
    /** Columns a file may add after the required ones. */
    public static final List<String> OPTIONAL_COLUMNS = List.of("contact_name", "contact_phone");

    static final int MAX_ROWS = 200_000;
    private static final int PROGRESS_EVERY = 500;

    private static final String COLUMNS_READ = """
            id, filename, status, total_rows, checked_rows, imported_rows, problems::text as problems, requested_by,
            district_code, created_at, finished_at""";

    public enum Status {
        QUEUED,
        CHECKING,
        IMPORTING,
        DONE,
        REJECTED,
        FAILED
    }

    /** A problem of a row: its line in the file, the column, and the message key with its arguments. */
    public record Problem(int line, String column, String messageKey, List<String> arguments) {}

    /** An import as its page shows it. */
    public record Import(
            UUID id,
            String filename,
            Status status,
            int totalRows,
            int checkedRows,
            int importedRows,
            List<Problem> problems,
            String requestedBy,
            @Nullable String districtCode,
            Instant createdAt,
            @Nullable Instant finishedAt) {

        public boolean finished() {
            return status == Status.DONE || status == Status.REJECTED || status == Status.FAILED;
        }

        public int percent() {
            int total = Math.max(totalRows, 1);
            return switch (status) {
                case QUEUED -> 0;
                case CHECKING -> 50 * checkedRows / total;
                case IMPORTING -> 50 + 50 * importedRows / total;
                default -> 100;
            };
        }
    }

    private final JdbcClient jdbc;
    private final EnterpriseDirectory directory;
    private final RegistryRows rows;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final UserDetailsService users;
    private final JsonMapper json;
    private final Clock clock;
    private final DataSource dataSource;

    /** Runs an import may be interrupted before it ends as failed. */
    public static final int MAX_ATTEMPTS = 3;

    /** The first key of the advisory locks that hold running imports. */
    private static final int LOCK_CLASS = 0x46474931;

    EnterpriseImports(
            JdbcClient jdbc,
            EnterpriseDirectory directory,
            RegistryRows rows,
            AuditTrail audit,
            TransactionTemplate transaction,
            UserDetailsService users,
            JsonMapper json,
            Clock clock,
            DataSource dataSource) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.rows = rows;
        this.audit = audit;
        this.transaction = transaction;
        this.users = users;
        this.json = json;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    /** Queues a file for import on behalf of a city or district official. */
    public UUID submit(Actor actor, String filename, byte[] content) {
        if (actor.role() != Role.CITY_OFFICIAL && actor.role() != Role.DISTRICT_OFFICIAL) {
            throw new AccessDeniedException("Only officials import the registry");
        }
        UUID id = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into enterprise_import (id, filename, content, status, requested_by, district_code, created_at)
                            values (?, ?, ?, 'QUEUED', ?, ?, ?)""")
                    .params(
                            id,
                            truncate(filename, 200),
                            content,
                            actor.getUsername(),
                            actor.role() == Role.CITY_OFFICIAL ? null : actor.districtCode(),
                            Timestamp.from(clock.instant()))
                    .update();
            audit.record(AuditEntry.of("enterprises", "Import", id, "IMPORT_SUBMITTED")
                    .change(null, Map.of("filename", filename, "bytes", content.length))
                    .owner(actor.role() == Role.CITY_OFFICIAL ? null : actor.districtCode(), null));
        });
        return id;
    }

    /** An import, if the scope sees it: city officials see all, district officials their district's. */
    public Optional<Import> find(Scope scope, UUID id) {
        return jdbc.sql("select " + COLUMNS_READ + " from enterprise_import where id = ?")
                .param(id)
                .query((rs, n) -> map(rs))
                .optional()
                .filter(i -> scope.isCity() || (i.districtCode() != null && scope.permitsDistrict(i.districtCode())));
    }

    public List<Import> recent(Scope scope, int limit) {
        Scope.Condition scoped = scope.where("district_code", null);
        return jdbc.sql("select " + COLUMNS_READ + " from enterprise_import where " + scoped.sql()
                        + " order by created_at desc limit :limit")
                .params(scoped.parameters())
                .param("limit", limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    /**
     * Claims the oldest queued import and runs it; returns whether there was one. Instances call
     * this concurrently: {@code FOR UPDATE SKIP LOCKED} gives each import to exactly one.
     *
     * <p>While it runs, the import is held by a PostgreSQL advisory lock on a connection of its
     * own, taken in the transaction that claims it. An instance that dies (killed, its machine
     * gone) loses the connection and with it the lock, so any instance sees at once that the import
     * has no runner any more and queues it again — a file is checked and imported whole in one
     * transaction, so running it again from the start is safe. After {@link #MAX_ATTEMPTS}
     * interrupted runs it ends as failed, saying so.
     */
    public boolean runNext(String instance) {
        resumeInterrupted();
        try (Connection owner = dataSource.getConnection()) {
            UUID claimed = claim(owner, instance);
            if (claimed == null) {
                return false;
            }
            try {
                run(claimed);
            } finally {
                // The connection goes back to the pool: it must not keep holding the import.
                try (Statement unlock = owner.createStatement()) {
                    unlock.execute("select pg_advisory_unlock_all()");
                }
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hold an import's lock", e);
        }
    }

    /** Claims the oldest queued import and takes its lock on {@code owner}, in one transaction. */
    private @Nullable UUID claim(Connection owner, String instance) throws SQLException {
        owner.setAutoCommit(false);
        try {
            UUID claimed = null;
            try (PreparedStatement update = owner.prepareStatement("""
                    update enterprise_import set status = 'CHECKING', started_at = ?, claimed_by = ?,
                           checked_rows = 0, imported_rows = 0, total_rows = 0
                    where id = (select id from enterprise_import where status = 'QUEUED'
                                order by created_at limit 1 for update skip locked)
                    returning id""")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setString(2, instance);
                try (ResultSet rs = update.executeQuery()) {
                    if (rs.next()) {
                        claimed = rs.getObject(1, UUID.class);
                    }
                }
            }
            if (claimed != null) {
                RunningWork.advisory(owner, "pg_advisory_lock", LOCK_CLASS, claimed);
            }
            owner.commit();
            return claimed;
        } catch (SQLException | RuntimeException e) {
            owner.rollback();
            throw e;
        } finally {
            owner.setAutoCommit(true);
        }
    }

    /**
     * Imports marked as running whose lock nobody holds were being run by an instance that is
     * gone: queued again, or failed after {@link #MAX_ATTEMPTS} attempts. Returns how many.
     */
    public int resumeInterrupted() {
        List<UUID> running = jdbc.sql("select id from enterprise_import where status in ('CHECKING', 'IMPORTING')")
                .query(UUID.class)
                .list();
        if (running.isEmpty()) {
            return 0;
        }
        int resumed = 0;
        try (Connection probe = dataSource.getConnection()) {
            for (UUID id : running) {
                if (!RunningWork.advisory(probe, "pg_try_advisory_lock", LOCK_CLASS, id)) {
                    continue;
                }
                try {
                    resumed += requeue(id);
                } finally {
                    RunningWork.advisory(probe, "pg_advisory_unlock", LOCK_CLASS, id);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look for interrupted imports", e);
        }
        return resumed;
    }

    private int requeue(UUID id) {
        Integer attempts = transaction.execute(status -> jdbc.sql("""
                        update enterprise_import set attempts = attempts + 1, claimed_by = null,
                               status = case when attempts + 1 >= ? then 'FAILED' else 'QUEUED' end,
                               problems = case when attempts + 1 >= ? then cast(? as jsonb) else null end,
                               finished_at = case when attempts + 1 >= ? then cast(? as timestamptz) end
                        where id = ? and status in ('CHECKING', 'IMPORTING')
                        returning attempts""")
                .params(
                        MAX_ATTEMPTS,
                        MAX_ATTEMPTS,
                        json.writeValueAsString(List.of(new Problem(0, "file", "import.error.interrupted", List.of()))),
                        MAX_ATTEMPTS,
                        Timestamp.from(clock.instant()),
                        id)
                .query(Integer.class)
                .optional()
                .orElse(null));
        if (attempts == null) {
            return 0;
        }
        audit.recordAs(
                "system",
                null,
                AuditEntry.of(
                                "enterprises",
                                "Import",
                                id,
                                attempts >= MAX_ATTEMPTS ? "IMPORT_ABANDONED" : "IMPORT_RESUMED")
                        .change(null, Map.of("interruptedRuns", attempts)));
        return 1;
    }

    private void run(UUID claimed) {
        var row = jdbc.sql("select requested_by, district_code, filename, content from enterprise_import where id = ?")
                .param(claimed)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)})
                .single();
        var previous = SecurityContextHolder.getContext();
        try {
            // The import's changes are the requester's: the audit trail names them.
            Actor requester = (Actor) users.loadUserByUsername((String) row[0]);
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(requester, null, requester.getAuthorities()));
            SecurityContextHolder.setContext(context);
            Scope scope = row[1] == null ? Scope.city() : Scope.district((String) row[1]);
            run(claimed, scope, (String) row[2], (byte[]) row[3]);
        } catch (RuntimeException e) {
            finish(claimed, Status.FAILED, List.of(new Problem(0, "file", "import.error.failed", List.of())));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    private void run(UUID id, Scope scope, String filename, byte[] content) {
        List<List<String>> lines;
        try {
            lines = TabularFile.read(filename, content, COLUMNS.size() + OPTIONAL_COLUMNS.size(), MAX_ROWS);
        } catch (TabularFile.UnreadableException e) {
            finish(
                    id,
                    Status.REJECTED,
                    List.of(new Problem(
                            0,
                            "file",
                            e.getMessage(),
                            e.args().stream().map(String::valueOf).toList())));
            return;
        }
        if (!TabularFile.hasHeader(lines, COLUMNS)) {
            finish(id, Status.REJECTED, List.of(new Problem(1, "file", "import.error.header", List.of())));
            return;
        }
        int total = (int) lines.stream()
                .skip(1)
                .filter(l -> !l.stream().allMatch(String::isBlank))
                .count();
        jdbc.sql("update enterprise_import set total_rows = ? where id = ?")
                .params(total, id)
                .update();

        List<Problem> problems = new ArrayList<>();
        List<NewEnterprise> accepted = new ArrayList<>();
        Map<String, Integer> codesInFile = new HashMap<>();
        int checked = 0;
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            NewEnterprise row = rows.check(i + 1, cells, scope, codesInFile, problems);
            if (row != null) {
                accepted.add(row);
            }
            if (++checked % PROGRESS_EVERY == 0) {
                progress(id, "checked_rows", checked);
            }
        }
        // Codes already in the registry, asked in one query for the whole file.
        if (!codesInFile.isEmpty()) {
            Set<String> existing = new HashSet<>(jdbc.sql("select uscc from enterprise where uscc = any(?)")
                    .param(codesInFile.keySet().toArray(String[]::new))
                    .query(String.class)
                    .list());
            for (var entry : codesInFile.entrySet()) {
                if (existing.contains(entry.getKey())) {
                    problems.add(new Problem(
                            entry.getValue(), "uscc", "enterprises.import.error.exists", List.of(entry.getKey())));
                }
            }
        }
        progress(id, "checked_rows", checked);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line));
            finish(id, Status.REJECTED, problems);
            return;
        }
        jdbc.sql("update enterprise_import set status = 'IMPORTING' where id = ?")
                .param(id)
                .update();
        // The rows and the import's end in one transaction: killed before its commit, nothing is
        // imported and the import is run again; after it, the import is done.
        transaction.executeWithoutResult(status -> {
            for (int from = 0; from < accepted.size(); from += PROGRESS_EVERY) {
                directory.registerAll(accepted.subList(from, Math.min(accepted.size(), from + PROGRESS_EVERY)));
            }
            jdbc.sql("update enterprise_import set imported_rows = ? where id = ?")
                    .params(accepted.size(), id)
                    .update();
            audit.record(AuditEntry.of("enterprises", "Import", id, "IMPORT_DONE")
                    .change(null, Map.of("rows", accepted.size()))
                    .owner(scope.districtCode(), null));
            finish(id, Status.DONE, List.of());
        });
    }

    private void progress(UUID id, String column, int value) {
        jdbc.sql("update enterprise_import set " + column + " = ? where id = ?")
                .params(value, id)
                .update();
    }

    private void finish(UUID id, Status status, List<Problem> problems) {
        jdbc.sql("update enterprise_import set status = ?, problems = cast(? as jsonb), finished_at = ? where id = ?")
                .params(
                        status.name(),
                        problems.isEmpty() ? null : json.writeValueAsString(problems),
                        Timestamp.from(clock.instant()),
                        id)
                .update();
    }

    private Import map(ResultSet rs) throws SQLException {
        String problems = rs.getString("problems");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Import(
                rs.getObject("id", UUID.class),
                rs.getString("filename"),
                Status.valueOf(rs.getString("status")),
                rs.getInt("total_rows"),
                rs.getInt("checked_rows"),
                rs.getInt("imported_rows"),
                problems == null ? List.of() : List.of(json.readValue(problems, Problem[].class)),
                rs.getString("requested_by"),
                rs.getString("district_code"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}

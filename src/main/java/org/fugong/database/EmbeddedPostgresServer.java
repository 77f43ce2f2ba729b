package org.fugong.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server run from the binaries that the zonky artifacts ship on Maven Central,
 * so that the application and its tests need nothing but a JDK.
 *
 * <p>We drive initdb and pg_ctl ourselves rather than through zonky's launcher for two reasons:
 * the data folder must survive restarts (a development database, not a throw-away one), and
 * PostgreSQL refuses to run as root, which is how CI machines and containers often run builds.
 * As root, each PostgreSQL command runs inside a user namespace that maps the caller to an
 * unprivileged id ({@code unshare --user --map-user}), so the files stay the caller's own.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String SUPERUSER = "postgres";
    private static final int UNPRIVILEGED_ID = 65534;

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final boolean ephemeral;
    private volatile boolean stopped;

    private EmbeddedPostgresServer(Path binaries, Path dataDirectory, int port, boolean ephemeral) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.ephemeral = ephemeral;
    }

    /**
     * Starts a server on the given folder, creating the cluster on first use.
     *
     * @param dataDirectory where the cluster lives; created if missing
     * @param port          0 picks a free port
     * @param ephemeral     delete the folder when the server stops (tests)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean ephemeral) {
        try {
            Path binaries = unpackBinaries();
            Path data = dataDirectory.toAbsolutePath().normalize();
            Files.createDirectories(data.getParent());
            var server = new EmbeddedPostgresServer(binaries, data, port == 0 ? freePort() : port, ephemeral);
            server.initialiseIfNeeded();
            server.startPostmaster();
            // Stopped when the JVM exits, once every application context of it is closed: a context
            // that still writes on its way down (the event publication registry) finds its database.
            SpringApplication.getShutdownHandlers().add(server::close);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public void createDatabaseIfMissing(String database) {
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\" encoding 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    private void initialiseIfNeeded() throws IOException {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDirectory);
        run(
                Duration.ofMinutes(2),
                bin("initdb"),
                "-A",
                "trust",
                "-U",
                SUPERUSER,
                "-D",
                dataDirectory.toString(),
                "-E",
                "UTF-8",
                "--no-locale",
                "--no-sync");
        log.info("Created a PostgreSQL cluster in {}", dataDirectory);
    }

    private void startPostmaster() throws IOException {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            // A server left behind by a process that was killed: stop it so that we own the folder.
            runQuietly(bin("pg_ctl"), "-D", dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", "10");
            Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
        }
        String options = String.join(
                " ",
                "-p",
                Integer.toString(port),
                "-h",
                "localhost",
                "-c",
                "timezone=UTC",
                "-c",
                "max_connections=200",
                "-c",
                "fsync=" + (ephemeral ? "off" : "on"),
                "-c",
                "synchronous_commit=" + (ephemeral ? "off" : "on"),
                "-c",
                "full_page_writes=" + (ephemeral ? "off" : "on"),
                "-c",
                "unix_socket_directories=''");
        Path logFile = dataDirectory.resolve("server.log");
        run(
                Duration.ofMinutes(1),
                bin("pg_ctl"),
                "-D",
                dataDirectory.toString(),
                "-o",
                options,
                "-l",
                logFile.toString(),
                "-w",
                "-t",
                "60",
                "start");
        log.info("PostgreSQL is listening on localhost:{} with data in {}", port, dataDirectory);
    }

    /**
     * Starts a streaming replica of this server on a folder of its own: a base backup taken while this
     * server runs (PostgreSQL's low-level backup: the files copied between {@code pg_backup_start} and
     * {@code pg_backup_stop}, as pg_basebackup does, which the embedded binaries do not include), then a
     * hot standby that follows this server through a physical replication slot.
     *
     * @param name the replication slot and the standby's application name
     */
    public EmbeddedPostgresServer startReplica(Path replicaDirectory, String name) throws IOException {
        Path replica = replicaDirectory.toAbsolutePath().normalize();
        // A replica folder of an earlier run holds old files (write-ahead log among them): made anew.
        deleteRecursively(replica);
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            try (var slot =
                    connection.prepareStatement("select pg_create_physical_replication_slot(?, true) where not exists"
                            + " (select 1 from pg_replication_slots where slot_name = ?)")) {
                slot.setString(1, name);
                slot.setString(2, name);
                slot.execute();
            }
            try (var begin = connection.prepareStatement("select pg_backup_start(?, true)")) {
                begin.setString(1, name);
                begin.execute();
            }
            copyForBackup(dataDirectory, replica);
            String label;
            try (var end = connection.createStatement();
                    var rs = end.executeQuery("select labelfile from pg_backup_stop(false)")) {
                rs.next();
                label = rs.getString(1);
            }
            Files.writeString(replica.resolve("backup_label"), label);
        } catch (SQLException e) {
            throw new IOException("Could not take a base backup for the replica " + name, e);
        }
        Files.writeString(replica.resolve("standby.signal"), "");
        Files.writeString(
                replica.resolve("postgresql.auto.conf"),
                String.join(
                        "\n",
                        "primary_conninfo = 'host=localhost port=" + port + " user=" + SUPERUSER + " application_name="
                                + name + "'",
                        "primary_slot_name = '" + name + "'",
                        "hot_standby = on",
                        "hot_standby_feedback = on",
                        // A replay that conflicts with a query (an exclusive lock of a vacuum's truncation,
                        // say) waits for it rather than ending its session after a second: reporting reads
                        // are short, and a session ended under a busy page answered 503.
                        "max_standby_streaming_delay = '30s'",
                        "wal_retrieve_retry_interval = '100ms'",
                        ""),
                StandardOpenOption.APPEND);
        var server = new EmbeddedPostgresServer(binaries, replica, freePort(), ephemeral);
        server.startPostmaster();
        SpringApplication.getShutdownHandlers().add(server::close);
        return server;
    }

    /**
     * Waits until the replica of that name streams from this server, then makes every commit of the database
     * wait until the replica has applied it ({@code remote_apply}): what one request writes, the next one reads
     * on the replica.
     */
    public void makeSynchronous(String name, String database) throws IOException {
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try (var streaming = connection.prepareStatement(
                    "select count(*) from pg_stat_replication where application_name = ? and state = 'streaming'")) {
                streaming.setString(1, name);
                while (true) {
                    try (var rs = streaming.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) > 0) {
                            break;
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException("The replica " + name + " did not start streaming");
                    }
                    // Waits on the server for a moment (the replica connects within a second or so).
                    try (var pause = connection.createStatement()) {
                        pause.execute("select pg_sleep(0.05)");
                    }
                }
            }
            try (var statement = connection.createStatement()) {
                statement.execute("alter system set synchronous_standby_names = '\"" + name + "\"'");
                statement.execute("select pg_reload_conf()");
                statement.execute("alter database \"" + database.replace("\"", "\"\"")
                        + "\" set synchronous_commit = remote_apply");
            }
        } catch (SQLException e) {
            throw new IOException("Could not make the replica " + name + " synchronous", e);
        }
    }

    /** Commits no longer wait for any replica (a setting a replica left behind is undone; nothing is written otherwise). */
    public void makeAsynchronous() {
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                var statement = connection.createStatement()) {
            try (var rs = statement.executeQuery("select current_setting('synchronous_standby_names') <> ''")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return;
                }
            }
            statement.execute("alter system reset synchronous_standby_names");
            statement.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make commits asynchronous", e);
        }
    }

    /** The files of a running cluster that a base backup holds (the folders PostgreSQL rebuilds are left empty). */
    private static void copyForBackup(Path from, Path to) throws IOException {
        Set<String> emptied = Set.of(
                "pg_wal",
                "pg_replslot",
                "pg_stat_tmp",
                "pg_dynshmem",
                "pg_notify",
                "pg_serial",
                "pg_snapshots",
                "pg_subtrans");
        Set<String> skipped = Set.of("postmaster.pid", "postmaster.opts", "server.log", "backup_label");
        Files.createDirectories(to);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
        try (var paths = Files.walk(from)) {
            for (Path file : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(file);
                if (relative.toString().isEmpty()) {
                    continue;
                }
                String top = relative.getName(0).toString();
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    if (relative.getNameCount() == 1 || !emptied.contains(top)) {
                        Files.createDirectories(target);
                    }
                    continue;
                }
                if (emptied.contains(top) || (relative.getNameCount() == 1 && skipped.contains(top))) {
                    continue;
                }
                try {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException gone) {
                    // A temporary file removed while copying: a base backup may miss it.
                }
            }
        }
        Files.createDirectories(to.resolve("pg_wal").resolve("archive_status"));
    }

    /** Stops the server as an outage would (fast shutdown: connections are cut), keeping its data. */
    public synchronized void stopForOutage() throws IOException {
        run(
                Duration.ofSeconds(30),
                bin("pg_ctl"),
                "-D",
                dataDirectory.toString(),
                "stop",
                "-m",
                "fast",
                "-w",
                "-t",
                "20");
    }

    /** Starts it again on the same port after {@link #stopForOutage()}. */
    public synchronized void startAfterOutage() throws IOException {
        startPostmaster();
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        runQuietly(bin("pg_ctl"), "-D", dataDirectory.toString(), "stop", "-m", "fast", "-w", "-t", "20");
        if (ephemeral) {
            deleteRecursively(dataDirectory);
        }
    }

    private String bin(String name) {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        return binaries.resolve("bin").resolve(windows ? name + ".exe" : name).toString();
    }

    private static void run(Duration timeout, String... command) throws IOException {
        List<String> full = asUnprivileged(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Timed out: " + full);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + full, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("Command failed (" + process.exitValue() + "): " + full + "\n" + output);
        }
    }

    private static void runQuietly(String... command) {
        try {
            run(Duration.ofSeconds(30), command);
        } catch (IOException e) {
            log.debug("Ignored: {}", e.getMessage());
        }
    }

    /** PostgreSQL will not run as root; as root, run it in a user namespace as an ordinary id. */
    private static List<String> asUnprivileged(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(
                    List.of("unshare", "--user", "--map-user=" + UNPRIVILEGED_ID, "--map-group=" + UNPRIVILEGED_ID));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path unpackBinaries() throws IOException {
        String os = operatingSystem();
        String arch = architecture();
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(os, arch)) {
            if (in == null) {
                throw new IOException("No PostgreSQL binaries on the class path for " + os + " " + arch);
            }
            archive = in.readAllBytes();
        } catch (IllegalStateException missing) {
            throw new IOException("No PostgreSQL binaries on the class path for " + os + " " + arch, missing);
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "fugong-postgres-" + digest(archive));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "fugong-postgres-unpack");
        try (var tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = staging.resolve(entry.getName()).normalize();
                if (!file.startsWith(staging)) {
                    throw new IOException("Archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().contains("bin/")) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
        }
        Files.createFile(staging.resolve(".complete"));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException alreadyThere) {
            // Another process unpacked the same archive first; theirs is as good as ours.
            deleteRecursively(staging);
        }
        return target;
    }

    private static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "Windows";
        }
        if (name.startsWith("mac")) {
            return "Darwin";
        }
        return "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }
}

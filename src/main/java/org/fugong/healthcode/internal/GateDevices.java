package org.fugong.healthcode.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fugong.access.Actor;
import org.fugong.access.MachineAuthentication;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.Digests;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gate devices and their credentials. An official issues a device a long random token (shown
 * once; only its SHA-256 is kept) and may revoke it. A gate sends the token as a bearer token: it
 * is checked against the active devices held in memory (no password hash, no session, no database
 * read per request), re-read from the database every {@link #RELOAD} and at once on this
 * instance after an issue or a revocation, so a revocation takes effect everywhere within 30 s.
 */
@Service
public class GateDevices implements MachineAuthentication {

    private static final Logger log = LoggerFactory.getLogger(GateDevices.class);

    /** The role of a request a gate device made. */
    public static final String ROLE = "ROLE_GATE_DEVICE";

    static final Duration RELOAD = Duration.ofSeconds(30);
    private static final String PREFIX = "fgd_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A device as officials see it: never its token, only the token's last characters. */
    public record Device(
            UUID id,
            String name,
            String tokenHint,
            String issuedBy,
            Instant issuedAt,
            @Nullable String revokedBy,
            @Nullable Instant revokedAt) {}

    /** A device just issued, with the token to type into it: the only time the token is shown. */
    public record Issued(Device device, String token) {}

    private record Active(Map<String, String> namesByHash, Instant loadedAt) {}

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private volatile @Nullable Active active;

    GateDevices(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<Authentication> authenticate(String bearerToken, HttpServletRequest request) {
        if (!bearerToken.startsWith(PREFIX) || bearerToken.length() > 100) {
            return Optional.empty();
        }
        String name = active().namesByHash().get(Digests.sha256Hex(bearerToken));
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(UsernamePasswordAuthenticationToken.authenticated(
                "gate:" + name, null, AuthorityUtils.createAuthorityList(ROLE)));
    }

    @Transactional
    public Issued issue(Actor official, @Nullable String name) {
        String deviceName = GateScans.gateName(name);
        if (deviceName == null) {
            throw InvalidInputException.of("name", "healthcode.error.gate");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String hint = "…" + token.substring(token.length() - 6);
        jdbc.sql("""
                        insert into health_gate_device (id, name, token_hash, token_hint, issued_by, issued_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, deviceName, Digests.sha256(token), hint, official.getUsername(), Timestamp.from(now))
                .update();
        audit.record(AuditEntry.of("healthcode", "GateDevice", id, "GATE_DEVICE_ISSUED")
                .change(null, Map.of("name", deviceName, "tokenHint", hint)));
        active = null;
        return new Issued(new Device(id, deviceName, hint, official.getUsername(), now, null, null), token);
    }

    @Transactional
    public void revoke(Actor official, UUID id) {
        var device = jdbc.sql("select name, revoked_at from health_gate_device where id = ? for update")
                .param(id)
                .query((rs, n) -> new Object[] {rs.getString("name"), rs.getTimestamp("revoked_at")})
                .optional()
                .orElseThrow(() -> new NotFoundException("gate device", id));
        if (device[1] != null) {
            throw new RefusedChangeException("healthcode.device.error.revoked");
        }
        jdbc.sql("update health_gate_device set revoked_by = ?, revoked_at = ? where id = ? and revoked_at is null")
                .params(official.getUsername(), Timestamp.from(clock.instant()), id)
                .update();
        audit.record(AuditEntry.of("healthcode", "GateDevice", id, "GATE_DEVICE_REVOKED")
                .change(Map.of("name", device[0]), Map.of("revoked", true)));
        active = null;
    }

    @Transactional(readOnly = true)
    public List<Device> list() {
        return jdbc.sql("""
                        select id, name, token_hint, issued_by, issued_at, revoked_by, revoked_at
                        from health_gate_device order by revoked_at nulls first, issued_at desc""")
                .query((rs, n) -> new Device(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("token_hint"),
                        rs.getString("issued_by"),
                        rs.getTimestamp("issued_at").toInstant(),
                        rs.getString("revoked_by"),
                        rs.getTimestamp("revoked_at") == null
                                ? null
                                : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    private Active active() {
        Active current = active;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.loadedAt().plus(RELOAD)) || now.isBefore(current.loadedAt())) {
            try {
                current = new Active(load(), now);
            } catch (DataAccessException unreachable) {
                if (current == null) {
                    throw unreachable;
                }
                // The database is away: the gates known a moment ago keep scanning; try again shortly.
                log.warn(
                        "Could not reload the gate devices, using those loaded at {}: {}",
                        current.loadedAt(),
                        unreachable.getMessage());
                current = new Active(current.namesByHash(), now.minus(RELOAD).plus(RETRY));
            }
            active = current;
        }
        return current;
    }

    /** Devices are read again at most this long after a failed reload. */
    private static final Duration RETRY = Duration.ofSeconds(10);

    /** The active devices' token hashes (hex) and names. */
    private Map<String, String> load() {
        return jdbc
                .sql("select token_hash, name from health_gate_device where revoked_at is null")
                .query((rs, n) -> Map.entry(HexFormat.of().formatHex(rs.getBytes(1)), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

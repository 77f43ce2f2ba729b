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

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    /** The active devices' token hashes (hex) and names. */
    private final Reloaded<Map<String, String>> active;

    GateDevices(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.active = new Reloaded<>("the gate devices", RELOAD, clock, now -> load());
    }

    @Override
    public Optional<Authentication> authenticate(String bearerToken, HttpServletRequest request) {
        if (!bearerToken.startsWith(PREFIX) || bearerToken.length() > 100) {
            return Optional.empty();
        }
        String name = active.get().value().get(Digests.sha256Hex(bearerToken));
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
        active.forget();
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
        active.forget();
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

    private Map<String, String> load() {
        return jdbc
                .sql("select token_hash, name from health_gate_device where revoked_at is null")
                .query((rs, n) -> Map.entry(HexFormat.of().formatHex(rs.getBytes(1)), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

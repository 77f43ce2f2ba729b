package org.fugong.healthcode.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.healthcode.ResidentId;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.LimitReachedException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A citizen who changed phones asks the health bureau to bind his code to the new one; the bureau
 * decides (after a real-name check outside the system, by phone or at a service window). The
 * request is stored only when the ID number and the name match a person, and the answer is the
 * same either way; an approval rebinds the phone, audited. Requests are limited per client address
 * and ID number per hour like one-time codes.
 */
@Service
public class PhoneChanges {

    /** A request as the bureau reads it: masked, never the plain numbers. */
    public record Request(
            UUID id,
            String maskedName,
            String maskedIdNumber,
            String maskedOldPhone,
            String maskedNewPhone,
            String reason,
            Instant requestedAt) {}

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final AbuseLimits limits;
    private final PersonKeys keys;
    private final AuditTrail audit;
    private final Clock clock;

    PhoneChanges(
            JdbcClient jdbc,
            PersonalDataCipher cipher,
            AbuseLimits limits,
            PersonKeys keys,
            AuditTrail audit,
            Clock clock) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void request(
            @Nullable String idNumber,
            @Nullable String name,
            @Nullable String newPhone,
            @Nullable String reason,
            String clientAddress) {
        String why = reason == null ? "" : reason.strip();
        Claim claim = Claim.of(
                idNumber,
                name,
                newPhone,
                why.isEmpty() || why.length() > 1000
                        ? List.of(new InvalidInputException.Problem("reason", "healthcode.error.reason", List.of()))
                        : List.of());
        String id = claim.idNumber();
        String person = claim.name();
        String phone = claim.phone();
        byte[] idHash = cipher.hash("id", id);
        if (!limits.hit("CHANGE_ADDRESS", cipher.hash("address", clientAddress), 10)
                || !limits.hit("CHANGE_ID", idHash, 3)) {
            throw new LimitReachedException("healthcode.error.tooMany");
        }
        var match = keys.find(idHash)
                .flatMap(known -> jdbc.sql("select id, name_cipher from health_person where id = ?")
                        .param(known)
                        .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getBytes(2)})
                        .optional())
                .filter(row -> person.equals(cipher.decrypt((byte[]) row[1])));
        if (match.isEmpty()) {
            return; // the same answer: nothing tells whether the ID number is known
        }
        UUID personId = (UUID) match.get()[0];
        UUID requestId = UUID.randomUUID();
        int stored = jdbc.sql("""
                        insert into health_phone_change (id, person_id, phone_hash, phone_cipher, reason, status, requested_at)
                        values (?, ?, ?, ?, ?, 'PENDING', ?) on conflict do nothing""")
                .params(
                        requestId,
                        personId,
                        cipher.hash("phone", phone),
                        cipher.encrypt(phone),
                        why,
                        Timestamp.from(clock.instant()))
                .update();
        if (stored > 0) {
            audit.recordAs(
                    "citizen",
                    null,
                    AuditEntry.of("healthcode", "PhoneChange", requestId, "PHONE_CHANGE_REQUESTED")
                            .change(null, Map.of("newPhone", ResidentId.maskPhone(phone))));
        }
    }

    @Transactional(readOnly = true)
    public List<Request> pending() {
        return jdbc.sql("""
                        select c.id, p.masked_name, p.id_cipher, p.phone_cipher, c.phone_cipher as new_phone, c.reason,
                               c.requested_at
                        from health_phone_change c join health_person p on p.id = c.person_id
                        where c.status = 'PENDING' order by c.requested_at""")
                .query((rs, n) -> new Request(
                        rs.getObject("id", UUID.class),
                        rs.getString("masked_name"),
                        ResidentId.mask(cipher.decrypt(rs.getBytes("id_cipher"))),
                        ResidentId.maskPhone(cipher.decrypt(rs.getBytes("phone_cipher"))),
                        ResidentId.maskPhone(cipher.decrypt(rs.getBytes("new_phone"))),
                        rs.getString("reason"),
                        rs.getTimestamp("requested_at").toInstant()))
                .list();
    }

    /** Approves (the code is bound to the new phone from now on) or rejects a pending request. */
    @Transactional
    public void decide(Actor official, UUID requestId, boolean approve, @Nullable String note) {
        HealthBureau.require(official);
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw InvalidInputException.of("note", "healthcode.error.note");
        }
        var row = jdbc.sql(
                        "select person_id, phone_hash, phone_cipher, status from health_phone_change where id = ? for update")
                .param(requestId)
                .query((rs, n) ->
                        new Object[] {rs.getObject(1, UUID.class), rs.getBytes(2), rs.getBytes(3), rs.getString(4)})
                .optional()
                .orElseThrow(() -> new NotFoundException("phone change", requestId));
        if (!"PENDING".equals(row[3])) {
            throw new RefusedChangeException("healthcode.error.decided");
        }
        Instant now = clock.instant();
        if (approve) {
            jdbc.sql("update health_person set phone_hash = ?, phone_cipher = ?, updated_at = ? where id = ?")
                    .params(row[1], row[2], Timestamp.from(now), row[0])
                    .update();
        }
        jdbc.sql("update health_phone_change set status = ?, decided_by = ?, decided_at = ?, note = ? where id = ?")
                .params(approve ? "APPROVED" : "REJECTED", official.getUsername(), Timestamp.from(now), text, requestId)
                .update();
        audit.record(AuditEntry.of(
                        "healthcode",
                        "PhoneChange",
                        requestId,
                        approve ? "PHONE_CHANGE_APPROVED" : "PHONE_CHANGE_REJECTED")
                .change(
                        Map.of("status", "PENDING"),
                        Map.of("status", approve ? "APPROVED" : "REJECTED", "note", text)));
    }
}

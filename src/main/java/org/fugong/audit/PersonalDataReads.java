package org.fugong.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fugong.access.Scope;
import org.fugong.audit.internal.AuditQuery;
import org.fugong.shell.Slice;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads of personal data — a list of staff and their health codes, a manifest's passengers, an
 * export of the registry's contact people — kept in the audit trail: who read, when, what and
 * whose (the record's kind and id, how many people it held) and why (the purpose the reader gave,
 * where the page asks for one). Never the data itself. The health bureau and the city read them at
 * {@code /health/personal-data}.
 */
@Service
public class PersonalDataReads {

    public static final String ACTION = "PERSONAL_DATA_READ";
    private static final int MAX_PURPOSE = 200;

    private final AuditTrail audit;
    private final AuditQuery query;
    private final JsonMapper json;

    PersonalDataReads(AuditTrail audit, AuditQuery query, JsonMapper json) {
        this.audit = audit;
        this.query = query;
        this.json = json;
    }

    /** One read: when, who (and their role), what and whose, how many people, why. */
    public record Read(
            Instant at,
            String reader,
            @Nullable String readerRole,
            String module,
            String what,
            @Nullable String subject,
            int people,
            String purpose) {}

    /** Reads, newest first, of one reader or all, on one day or any; after the cursor of the last page. */
    public Slice<Read> page(
            @Nullable String reader, @Nullable Instant from, @Nullable Instant to, @Nullable String cursor, int size) {
        Slice<AuditQuery.Row> rows =
                query.page(Scope.city(), new AuditQuery.Filter(null, ACTION, reader, null, from, to), cursor, size);
        return new Slice<>(rows.items().stream().map(this::read).toList(), rows.next());
    }

    @SuppressWarnings("unchecked")
    private Read read(AuditQuery.Row row) {
        Map<String, Object> after = row.after() == null ? Map.of() : json.readValue(row.after(), Map.class);
        Object people = after.get("people");
        Object purpose = after.get("purpose");
        return new Read(
                row.occurredAt(),
                row.actor(),
                row.actorRole(),
                row.module(),
                row.entityType(),
                row.entityId(),
                people instanceof Number n ? n.intValue() : 0,
                purpose == null ? "" : purpose.toString());
    }

    /**
     * Records that the current user read personal data.
     *
     * @param module  the module that showed it
     * @param what    the kind of record (StaffCodes, Manifest, RegistryExport …)
     * @param subject the record's id, when it has one
     * @param people  how many people's data it held
     * @param purpose why, as the reader gave it; blank when the page does not ask
     */
    @Transactional
    public void record(String module, String what, @Nullable Object subject, int people, @Nullable String purpose) {
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("people", people);
        String given = purpose == null ? "" : purpose.strip();
        read.put("purpose", given.length() > MAX_PURPOSE ? given.substring(0, MAX_PURPOSE) : given);
        audit.record(AuditEntry.of(module, what, subject, ACTION).change(null, read));
    }
}

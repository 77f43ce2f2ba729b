package org.fugong.visits.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The visit checklists, versioned: a version is never changed, a city official publishes a new one,
 * and every visit keeps the version it answered.
 */
@Service
public class Checklists {

    public enum Area {
        PRODUCTION,
        LIVING,
        MANAGEMENT;

        public String messageKey() {
            return "visits.area." + name();
        }
    }

    public record Item(
            String code,
            int position,
            String textZh,
            String textEn,
            Area area,
            boolean photoRequired,
            boolean serious,
            @Nullable String source) {

        public String text(Locale locale) {
            return locale.getLanguage().equals("zh") ? textZh : textEn;
        }
    }

    public record Checklist(int version, String name, Instant createdAt, String createdBy, List<Item> items) {

        public Map<String, Item> byCode() {
            Map<String, Item> byCode = new LinkedHashMap<>();
            items.forEach(i -> byCode.put(i.code(), i));
            return byCode;
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    Checklists(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Checklist current() {
        int version = jdbc.sql("select max(version) from visit_checklist")
                .query(Integer.class)
                .single();
        return version(version);
    }

    @Transactional(readOnly = true)
    public Checklist version(int version) {
        var head = jdbc.sql("select name, created_at, created_by from visit_checklist where version = ?")
                .param(version)
                .query((rs, n) -> new Checklist(
                        version,
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"),
                        List.of()))
                .optional()
                .orElseThrow(() -> new NotFoundException("checklist", version));
        List<Item> items = jdbc.sql("select * from visit_checklist_item where version = ? order by position, code")
                .param(version)
                .query(Item.class)
                .list();
        return new Checklist(version, head.name(), head.createdAt(), head.createdBy(), items);
    }

    /** A city official publishes a new version; the visits before keep theirs. */
    @Transactional
    public Checklist publish(Actor actor, String name, List<Item> items) {
        if (!actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only city officials edit the checklist");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.put("name", "visits.error.checklistName");
        }
        if (items.isEmpty() || items.size() > 60) {
            problems.put("items", "visits.error.checklistItems");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (!item.code().matches("[A-Z][A-Z0-9_]{0,39}") || !codes.add(item.code())) {
                problems.put("items[" + i + "].code", "visits.error.itemCode");
            }
            if (item.textZh().isBlank() || item.textZh().length() > 300) {
                problems.put("items[" + i + "].textZh", "visits.error.itemText");
            }
            if (item.textEn().isBlank() || item.textEn().length() > 300) {
                problems.put("items[" + i + "].textEn", "visits.error.itemText");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int version = jdbc.sql("select max(version) + 1 from visit_checklist")
                .query(Integer.class)
                .single();
        jdbc.sql("insert into visit_checklist (version, name, created_at, created_by) values (?, ?, ?, ?)")
                .params(version, name.trim(), Timestamp.from(clock.instant()), actor.displayName())
                .update();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            jdbc.sql("""
                            insert into visit_checklist_item (version, code, position, text_zh, text_en, area,
                                                              photo_required, serious, source)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            version,
                            item.code(),
                            i + 1,
                            item.textZh().trim(),
                            item.textEn().trim(),
                            item.area().name(),
                            item.photoRequired(),
                            item.serious(),
                            item.source())
                    .update();
        }
        audit.record(AuditEntry.of("visits", "Checklist", version, "CHECKLIST_PUBLISHED")
                .change(null, Map.of("name", name.trim(), "items", items.size())));
        return version(version);
    }
}

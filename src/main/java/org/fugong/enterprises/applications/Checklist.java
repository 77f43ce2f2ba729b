package org.fugong.enterprises.applications;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.StaleVersionException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The prevention measures an application answers (isolation room, temperature checks, mask stock
 * in days, ...). City officials add, rename and retire items; a retired item stays on the
 * applications that answered it.
 */
@Service
public class Checklist {

    public enum Kind {
        YES_NO,
        DAYS
    }

    public record Item(
            String code,
            String labelZh,
            String labelEn,
            Kind kind,
            @Nullable Integer minimum,
            int position,
            boolean active,
            long version) {
        public String label(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? labelZh : labelEn;
        }

        /** Whether an answer meets the item: yes, or at least the minimum number of days. */
        public boolean met(@Nullable String answer) {
            if (answer == null || answer.isBlank()) {
                return false;
            }
            return switch (kind) {
                case YES_NO -> "true".equals(answer);
                case DAYS -> parseDays(answer) != null && parseDays(answer) >= (minimum == null ? 0 : minimum);
            };
        }

        /** The message key of what is wrong with an answer for submission, or null if it is a valid answer. */
        public @Nullable String problem(@Nullable String answer) {
            if (answer == null || answer.isBlank()) {
                return "application.error.measureMissing";
            }
            return switch (kind) {
                case YES_NO ->
                    "true".equals(answer) || "false".equals(answer) ? null : "application.error.measureMissing";
                case DAYS -> parseDays(answer) == null ? "application.error.days" : null;
            };
        }

        static @Nullable Integer parseDays(String answer) {
            try {
                int days = Integer.parseInt(answer.trim());
                return days < 0 || days > 3650 ? null : days;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** A new or changed item; {@code version} is null for a new one. */
    public record ItemChange(
            String code,
            String labelZh,
            String labelEn,
            Kind kind,
            @Nullable Integer minimum,
            int position,
            boolean active,
            @Nullable Long version) {}

    private static final RowMapper<Item> ITEM = (rs, n) -> new Item(
            rs.getString("code"),
            rs.getString("label_zh"),
            rs.getString("label_en"),
            Kind.valueOf(rs.getString("kind")),
            (Integer) rs.getObject("minimum"),
            rs.getInt("position"),
            rs.getBoolean("active"),
            rs.getLong("version"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    Checklist(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<Item> all() {
        return jdbc.sql("select * from resumption_checklist_item order by position, code")
                .query(ITEM)
                .list();
    }

    /** The items a new application answers. */
    @Transactional(readOnly = true)
    public List<Item> active() {
        return all().stream().filter(Item::active).toList();
    }

    /** Every item by code, retired ones too: applications show what they answered. */
    @Transactional(readOnly = true)
    /** The codes of the items an application's answers do not meet. */
    public static List<String> unmet(Map<String, String> measures, List<Item> items) {
        List<String> unmet = new ArrayList<>();
        for (Item item : items) {
            if (!item.met(measures.get(item.code()))) {
                unmet.add(item.code());
            }
        }
        return unmet;
    }

    public Map<String, Item> byCode() {
        Map<String, Item> items = new LinkedHashMap<>();
        all().forEach(item -> items.put(item.code(), item));
        return items;
    }

    /** Adds or changes an item (city officials only); a stale version is refused. */
    @Transactional
    public void save(Actor actor, ItemChange change) {
        if (!actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only city officials edit the checklist");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (change.code() == null || !change.code().matches("^[A-Z][A-Z0-9_]{1,39}$")) {
            problems.put("code", "checklist.error.code");
        }
        if (change.labelZh() == null
                || change.labelZh().isBlank()
                || change.labelZh().length() > 200) {
            problems.put("labelZh", "checklist.error.label");
        }
        if (change.labelEn() == null
                || change.labelEn().isBlank()
                || change.labelEn().length() > 200) {
            problems.put("labelEn", "checklist.error.label");
        }
        if (change.kind() == Kind.DAYS && (change.minimum() == null || change.minimum() < 0)) {
            problems.put("minimum", "checklist.error.minimum");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Integer minimum = change.kind() == Kind.DAYS ? change.minimum() : null;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("labelZh", change.labelZh().trim());
        after.put("labelEn", change.labelEn().trim());
        after.put("kind", change.kind().name());
        after.put("minimum", minimum);
        after.put("position", change.position());
        after.put("active", change.active());
        if (change.version() == null) {
            int added = jdbc.sql("""
                            insert into resumption_checklist_item (code, label_zh, label_en, kind, minimum, position, active)
                            values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(
                            change.code(),
                            change.labelZh().trim(),
                            change.labelEn().trim(),
                            change.kind().name(),
                            minimum,
                            change.position(),
                            change.active())
                    .update();
            if (added == 0) {
                throw new InvalidInputException(Map.of("code", "checklist.error.duplicate"));
            }
            audit.record(AuditEntry.of("enterprises", "ChecklistItem", change.code(), "CHECKLIST_ITEM_ADDED")
                    .change(null, after));
            return;
        }
        Item before = all().stream()
                .filter(i -> i.code().equals(change.code()))
                .findFirst()
                .orElseThrow(StaleVersionException::new);
        int changed = jdbc.sql("""
                        update resumption_checklist_item set label_zh = ?, label_en = ?, kind = ?, minimum = ?, position = ?,
                            active = ?, version = version + 1
                        where code = ? and version = ?""")
                .params(
                        change.labelZh().trim(),
                        change.labelEn().trim(),
                        change.kind().name(),
                        minimum,
                        change.position(),
                        change.active(),
                        change.code(),
                        change.version())
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("labelZh", before.labelZh());
        was.put("labelEn", before.labelEn());
        was.put("kind", before.kind().name());
        was.put("minimum", before.minimum());
        was.put("position", before.position());
        was.put("active", before.active());
        audit.record(AuditEntry.of("enterprises", "ChecklistItem", change.code(), "CHECKLIST_ITEM_CHANGED")
                .change(was, after));
    }
}

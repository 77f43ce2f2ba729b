package org.fugong.enterprises;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.Slice;
import org.fugong.shell.SqlText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds and lists enterprises, always within the caller's {@link Scope}. Lists are keyset
 * paginated on (name, id), so that a page costs the same at the millionth row as at the first.
 */
@Service
public class EnterpriseDirectory {

    private static final String COLUMNS = """
            id, uscc, name, legal_representative, district_code, township_code, industry_section, size,
            above_scale, staff_count, key_enterprise, priority_category, floor_area_m2, contact_name, contact_phone""";
    private static final RowMapper<EnterpriseSummary> SUMMARY = (rs, n) -> new EnterpriseSummary(
            rs.getObject("id", UUID.class),
            rs.getString("uscc"),
            rs.getString("name"),
            rs.getString("legal_representative"),
            rs.getString("district_code"),
            rs.getString("township_code"),
            IndustrySection.valueOf(rs.getString("industry_section")),
            EnterpriseSize.valueOf(rs.getString("size")),
            rs.getBoolean("above_scale"),
            rs.getInt("staff_count"),
            rs.getBoolean("key_enterprise"),
            rs.getString("priority_category") == null
                    ? null
                    : PriorityCategory.valueOf(rs.getString("priority_category")),
            rs.getObject("floor_area_m2") == null ? null : rs.getDouble("floor_area_m2"),
            rs.getString("contact_name"),
            rs.getString("contact_phone"));

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    EnterpriseDirectory(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Finds an enterprise by its credit code, regardless of scope: callers check their own rules. */
    @Transactional(readOnly = true)
    public Optional<EnterpriseSummary> findByUscc(String uscc) {
        return jdbc.sql("select " + COLUMNS + " from enterprise where uscc = ?")
                .param(uscc)
                .query(SUMMARY)
                .optional();
    }

    /** Many enterprises by credit code at once, regardless of scope; the ones that do not exist are absent. */
    @Transactional(readOnly = true)
    public Map<String, EnterpriseSummary> findAllByUscc(Collection<String> usccs) {
        Map<String, EnterpriseSummary> found = new HashMap<>();
        if (usccs.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + COLUMNS + " from enterprise where uscc = any(?)")
                .param(usccs.toArray(String[]::new))
                .query(SUMMARY)
                .list()
                .forEach(e -> found.put(e.uscc(), e));
        return found;
    }

    /**
     * Many enterprises by id at once, regardless of scope (callers check their own rules, as with
     * {@link #findByUscc}); the ones that do not exist are absent.
     */
    @Transactional(readOnly = true)
    public Map<UUID, EnterpriseSummary> getAll(Collection<UUID> ids) {
        Map<UUID, EnterpriseSummary> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + COLUMNS + " from enterprise where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(SUMMARY)
                .list()
                .forEach(e -> found.put(e.id(), e));
        return found;
    }

    /** The enterprise, if the scope permits it: 404 if there is none, 403 if it is someone else's. */
    @Transactional(readOnly = true)
    public EnterpriseSummary get(Scope scope, UUID id) {
        EnterpriseSummary enterprise = jdbc.sql("select " + COLUMNS + " from enterprise where id = ?")
                .param(id)
                .query(SUMMARY)
                .optional()
                .orElseThrow(() -> new NotFoundException("enterprise", id));
        scope.check(enterprise.districtCode(), enterprise.id());
        return enterprise;
    }

    @Transactional(readOnly = true)
    public Slice<EnterpriseSummary> search(
            Scope scope, EnterpriseCriteria criteria, @Nullable String cursor, int size) {
        var query = where(scope, criteria);
        if (cursor != null && !cursor.isBlank()) {
            Slice.Cursor after = Slice.after(cursor, 2);
            query.conditions.add("(name, id) > (:after_name, :after_id)");
            query.params.put("after_name", after.text(0));
            query.params.put("after_id", after.uuid(1));
        }
        query.params.put("limit", size + 1);
        List<EnterpriseSummary> rows = jdbc.sql("select " + COLUMNS + " from enterprise where "
                        + String.join(" and ", query.conditions) + " order by name, id limit :limit")
                .params(query.params)
                .query(SUMMARY)
                .list();
        return Slice.of(rows, size, e -> List.of(e.name(), e.id()));
    }

    /** Streams every enterprise of the filter in scope, for exports. */
    @Transactional(readOnly = true)
    public void forEach(Scope scope, EnterpriseCriteria criteria, Consumer<EnterpriseSummary> consumer) {
        var query = where(scope, criteria);
        try (var rows = jdbc
                .sql("select " + COLUMNS + " from enterprise where " + String.join(" and ", query.conditions)
                        + " order by name, id")
                .params(query.params)
                .withFetchSize(1000)
                .query(SUMMARY)
                .stream()) {
            rows.forEach(consumer);
        }
    }

    /**
     * Adds enterprises to the registry in one transaction; each addition is audited. Callers
     * validate first: a bad code or a duplicate fails the whole batch.
     */
    @Transactional
    public List<UUID> registerAll(List<NewEnterprise> enterprises) {
        Instant now = clock.instant();
        List<UUID> ids = new ArrayList<>(enterprises.size());
        for (NewEnterprise e : enterprises) {
            if (!UnifiedSocialCreditCode.isValid(e.uscc())) {
                throw new IllegalArgumentException("Invalid unified social credit code: " + e.uscc());
            }
            if (e.contactPhone() != null && !ContactPhone.isValid(e.contactPhone())) {
                throw new IllegalArgumentException("Invalid contact phone of " + e.uscc());
            }
            UUID id = UUID.randomUUID();
            jdbc.sql("""
                            insert into enterprise (id, uscc, name, legal_representative, district_code, township_code,
                                                    industry_section, size, above_scale, staff_count, key_enterprise,
                                                    priority_category, floor_area_m2, contact_name, contact_phone,
                                                    created_at, updated_at)
                            values (:id, :uscc, :name, :legal, :district, :township, :industry, :size, :above, :staff,
                                    :key, :category, :area, :contact, :phone, :now, :now)""")
                    .param("id", id)
                    .param("uscc", e.uscc())
                    .param("name", e.name())
                    .param("legal", e.legalRepresentative())
                    .param("district", e.districtCode())
                    .param("township", e.townshipCode())
                    .param("industry", e.industrySection().name())
                    .param("size", e.size().name())
                    .param("above", e.aboveScale())
                    .param("staff", e.staffCount())
                    .param("key", e.keyEnterprise())
                    .param(
                            "category",
                            e.priorityCategory() == null
                                    ? null
                                    : e.priorityCategory().name())
                    .param("area", e.floorAreaM2())
                    .param("contact", e.contactName())
                    .param("phone", e.contactPhone() == null ? null : ContactPhone.normalise(e.contactPhone()))
                    .param("now", Timestamp.from(now))
                    .update();
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("uscc", e.uscc());
            after.put("name", e.name());
            after.put("districtCode", e.districtCode());
            after.put("townshipCode", e.townshipCode());
            after.put("industrySection", e.industrySection().name());
            after.put("size", e.size().name());
            after.put("aboveScale", e.aboveScale());
            after.put("staffCount", e.staffCount());
            after.put("keyEnterprise", e.keyEnterprise());
            after.put(
                    "priorityCategory",
                    e.priorityCategory() == null ? null : e.priorityCategory().name());
            after.put("floorAreaM2", e.floorAreaM2());
            after.put("contactName", e.contactName());
            after.put("contactPhone", e.contactPhone());
            audit.record(AuditEntry.of("enterprises", "Enterprise", id, "ENTERPRISE_REGISTERED")
                    .change(null, after)
                    .owner(e.districtCode(), id));
            ids.add(id);
        }
        return ids;
    }

    private record Query(List<String> conditions, Map<String, Object> params) {}

    private static Query where(Scope scope, EnterpriseCriteria criteria) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        Scope.Condition scoped = scope.where("district_code", "id");
        conditions.add(scoped.sql());
        params.putAll(scoped.parameters());
        String text = criteria.text() == null ? "" : criteria.text().trim();
        if (!text.isEmpty()) {
            String upper = text.toUpperCase(Locale.ROOT);
            if (upper.length() == 18 && UnifiedSocialCreditCode.isValid(upper)) {
                conditions.add("uscc = :uscc");
                params.put("uscc", upper);
            } else {
                if (text.codePointCount(0, text.length()) >= 2) {
                    // Narrow through the bigram index first; the substring test below is then cheap.
                    conditions.add("name_bigrams @> enterprise_name_bigrams(:text_raw)");
                    params.put("text_raw", text);
                }
                conditions.add("name like :text escape '\\'");
                params.put("text", SqlText.containing(text));
            }
        }
        if (criteria.districtCode() != null && !criteria.districtCode().isBlank()) {
            conditions.add("district_code = :district");
            params.put("district", criteria.districtCode());
        }
        if (criteria.townshipCode() != null && !criteria.townshipCode().isBlank()) {
            conditions.add("township_code = :township");
            params.put("township", criteria.townshipCode());
        }
        if (criteria.industry() != null) {
            conditions.add("industry_section = :industry");
            params.put("industry", criteria.industry().name());
        }
        if (criteria.size() != null) {
            conditions.add("size = :size");
            params.put("size", criteria.size().name());
        }
        if (criteria.aboveScale() != null) {
            conditions.add("above_scale = :above");
            params.put("above", criteria.aboveScale());
        }
        return new Query(conditions, params);
    }
}

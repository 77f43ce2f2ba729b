package org.fugong.enterprises.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fugong.access.Scope;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.enterprises.applications.PolicyCategory;
import org.fugong.enterprises.applications.PolicyDecision;
import org.fugong.shell.Slice;
import org.fugong.shell.SqlText;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district's review queue: applications waiting for a decision, a lead's chain filings first and
 * then the oldest, or the approved
 * enterprises flagged after their district turned orange or red. Keyset-paginated on
 * (submitted_at, id) over partial indexes, so that a page costs the same in a city of a million
 * enterprises.
 */
@Service
public class ReviewQueue {

    public enum View {
        PENDING,
        FLAGGED
    }

    public record Filter(
            View view,
            @Nullable String districtCode,
            @Nullable PolicyDecision decision,
            @Nullable PolicyCategory category,
            @Nullable ApplicationStatus status,
            @Nullable String text) {}

    private final ApplicationStore store;

    ReviewQueue(ApplicationStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public Slice<Application> page(Scope scope, Filter filter, @Nullable String cursor, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        Scope.Condition scoped = scope.where("a.district_code", "a.enterprise_id");
        conditions.add(scoped.sql());
        params.putAll(scoped.parameters());
        conditions.add(filter.view() == View.FLAGGED ? "a.flagged" : "a.status in ('SUBMITTED', 'IN_REVIEW')");
        if (filter.districtCode() != null && !filter.districtCode().isBlank()) {
            conditions.add("a.district_code = :district");
            params.put("district", filter.districtCode());
        }
        if (filter.decision() != null) {
            conditions.add("a.policy_decision = :decision");
            params.put("decision", filter.decision().name());
        }
        if (filter.category() != null) {
            conditions.add("a.policy_category = :category");
            params.put("category", filter.category().name());
        }
        if (filter.status() != null) {
            conditions.add("a.status = :status");
            params.put("status", filter.status().name());
        }
        String text = filter.text() == null ? "" : filter.text().trim();
        if (!text.isEmpty()) {
            conditions.add("(e.name like :text escape '\\' or e.uscc = :uscc)");
            params.put("text", SqlText.containing(text));
            params.put("uscc", text.toUpperCase(Locale.ROOT));
        }
        if (cursor != null && !cursor.isBlank()) {
            Slice.Cursor after = Slice.after(cursor, 3);
            conditions.add("(a.chain_lead_id is null, a.submitted_at, a.id) > (:after_plain, :after_at, :after_id)");
            params.put("after_plain", after.number(0) != 0);
            params.put("after_at", Timestamp.from(after.instant(1)));
            params.put("after_id", after.uuid(2));
        }
        params.put("limit", size + 1);
        // A lead's chain filing comes first (四同步), then the oldest.
        List<Application> rows = store.where(
                String.join(" and ", conditions),
                "order by a.chain_lead_id is null, a.submitted_at, a.id limit :limit",
                params);
        return Slice.of(rows, size, a -> List.of(a.chain() == null ? 1 : 0, a.submittedAt(), a.id()));
    }
}

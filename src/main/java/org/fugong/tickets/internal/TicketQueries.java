package org.fugong.tickets.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.shell.Slice;
import org.fugong.shell.SqlText;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lists of tickets: my unit's queue, my own, my district's, the command center's escalated
 * list, an enterprise's own tickets; always within the reader's {@link Scope}. Open tickets come
 * first, the most overdue at the top, then the settled ones, newest first; pages follow by key
 * (group, time, id), so a page costs the same deep in the list and no ticket is shown twice.
 */
@Service
public class TicketQueries {

    public enum View {
        UNIT,
        MINE,
        DISTRICT,
        ESCALATED,
        ALL,
        OWN
    }

    /** Open first (0), then settled (1); open by due time, settled newest first; the id breaks ties. */
    private static final String OPEN = "t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')";

    private static final String GROUP = "(case when " + OPEN + " then 0 else 1 end)";
    private static final String KEY = "(case when " + OPEN + " then extract(epoch from t.solution_due)"
            + " else -extract(epoch from t.filed_at) end)";

    private final JdbcClient jdbc;
    private final TicketStore store;

    TicketQueries(JdbcClient jdbc, TicketStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** The views a reader has, the first being its default. */
    public List<View> views(Scope scope) {
        return switch (scope.kind()) {
            case CITY -> List.of(View.ESCALATED, View.ALL, View.UNIT, View.MINE);
            case DISTRICT -> List.of(View.UNIT, View.MINE, View.DISTRICT);
            case NONE -> scope.unitCode() != null ? List.of(View.UNIT, View.MINE) : List.of();
            case ENTERPRISE, ASSIGNED -> List.of(View.OWN);
        };
    }

    public record Filter(
            View view,
            @Nullable TicketStatus status,
            @Nullable String text) {}

    /** One page of a view, after the cursor of the previous page. */
    @Transactional(readOnly = true)
    public Slice<Ticket> page(Actor actor, Scope scope, Filter filter, @Nullable String cursor, int size) {
        if (!views(scope).contains(filter.view())) {
            return new Slice<>(List.of(), null);
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        Scope.Condition visible = scope.where("t.district_code", "t.enterprise_id", "t.unit_code");
        conditions.add(visible.sql());
        params.putAll(visible.parameters());
        switch (filter.view()) {
            case UNIT -> {
                conditions.add("t.unit_code = :unit and t.status <> 'CLOSED'");
                params.put("unit", scope.unitCode() == null ? "" : scope.unitCode());
            }
            case MINE -> {
                conditions.add("t.assignee_id = :me and t.status <> 'CLOSED'");
                params.put("me", actor.id());
            }
            case DISTRICT -> {
                conditions.add("t.district_code = :district");
                params.put("district", scope.districtCode() == null ? "" : scope.districtCode());
            }
            case ESCALATED -> conditions.add("t.escalated and " + OPEN);
            case ALL, OWN -> {}
        }
        if (filter.status() != null) {
            conditions.add("t.status = :status");
            params.put("status", filter.status().name());
        }
        String text = filter.text() == null ? "" : filter.text().trim();
        if (!text.isEmpty()) {
            conditions.add("(t.title like :text or t.enterprise_name like :text or t.number::text = :number)");
            params.put("text", SqlText.containing(text));
            params.put("number", text.replace("#", ""));
        }
        if (cursor != null && !cursor.isBlank()) {
            Slice.Cursor after = Slice.after(cursor, 3);
            conditions.add(
                    "(" + GROUP + ", " + KEY + ", t.id) > (:after_group, cast(:after_key as numeric), :after_id)");
            params.put("after_group", (int) after.number(0));
            params.put("after_key", after.decimal(1));
            params.put("after_id", after.uuid(2));
        }
        params.put("limit", size + 1);
        List<Ticket> rows = store.where(
                String.join(" and ", conditions), "order by " + GROUP + ", " + KEY + ", t.id limit :limit", params);
        return Slice.of(rows, size, TicketQueries::sortKey);
    }

    /** The sort key of a ticket, as the list orders it. */
    private static List<Object> sortKey(Ticket t) {
        boolean open = t.status().open();
        BigDecimal key = epoch(open ? t.solutionDue() : t.filedAt());
        return List.of(open ? 0 : 1, open ? key : key.negate(), t.id());
    }

    private static BigDecimal epoch(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano(), 9))
                .stripTrailingZeros();
    }

    static final int SIMILAR_CHARS = 400;

    /** Open tickets like the text (shared pairs of characters, so Chinese works), for the filing form. */
    @Transactional(readOnly = true)
    public List<Ticket> similarOpen(Scope scope, String typed, int limit) {
        if (typed.codePointCount(0, typed.length()) < 2) {
            return List.of();
        }
        // The first few hundred characters say what the problem is; a whole essay would make every
        // open ticket's pairs be compared with thousands of pairs.
        String text = typed.length() > SIMILAR_CHARS
                ? typed.substring(0, typed.offsetByCodePoints(0, typed.codePointCount(0, SIMILAR_CHARS)))
                : typed;
        Scope.Condition visible = scope.where("t.district_code", "t.enterprise_id", "t.unit_code");
        Map<String, Object> params = new HashMap<>(visible.parameters());
        params.put("text", text);
        params.put("limit", limit);
        return store.where(
                visible.sql() + " and " + OPEN + " and t.description_bigrams && ticket_text_bigrams(:text)",
                """
                order by (select count(*) from unnest(t.description_bigrams) b
                          where b = any(ticket_text_bigrams(:text))) desc, t.filed_at desc
                limit :limit""",
                params);
    }

    /** The ticket's timeline (the caller has checked that the reader sees the ticket). */
    @Transactional(readOnly = true)
    public List<TicketEvent> timeline(UUID ticketId) {
        return jdbc.sql("""
                        select id, at, actor_name, kind, unit_code, from_status as "from", to_status as "to", text
                        from ticket_event where ticket_id = ? order by id""").param(ticketId).query(TicketEvent.class).list();
    }

    /** A ticket's id by its number, if the reader sees it. */
    @Transactional(readOnly = true)
    public @Nullable UUID byNumber(Scope scope, String number) {
        Scope.Condition visible = scope.where("t.district_code", "t.enterprise_id", "t.unit_code");
        Map<String, Object> params = new HashMap<>(visible.parameters());
        params.put("number", number.trim().replace("#", ""));
        return store.where("t.number::text = :number and " + visible.sql(), "", params).stream()
                .map(Ticket::id)
                .findFirst()
                .orElse(null);
    }
}

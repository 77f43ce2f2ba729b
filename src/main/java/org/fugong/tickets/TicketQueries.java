package org.fugong.tickets;

import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.shell.SqlText;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lists of tickets: my unit's queue (overdue first), my district's tickets, the command
 * center's escalated list, an enterprise's own tickets; always within what the actor may see.
 */
@Service
public class TicketQueries {

    public enum View { UNIT, MINE, DISTRICT, ESCALATED, ALL, OWN }

    private final JdbcClient jdbc;
    private final TicketUnits units;
    private final Clock clock;

    TicketQueries(JdbcClient jdbc, TicketUnits units, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.clock = clock;
    }

    /** The views an actor has, the first being its default. */
    public List<View> views(Actor actor) {
        return switch (actor.role()) {
            case CITY_OFFICIAL -> List.of(View.ESCALATED, View.ALL, View.UNIT, View.MINE);
            case DISTRICT_OFFICIAL -> List.of(View.UNIT, View.MINE, View.DISTRICT);
            case DEPARTMENT_OFFICER -> units.unitOf(actor).isPresent() ? List.of(View.UNIT, View.MINE) : List.of();
            case COMMISSIONER, ENTERPRISE -> List.of(View.OWN);
            case GATE_CHECKER -> List.of();
        };
    }

    /** The condition that limits tickets (alias {@code t}) to what the actor may see. */
    Scope.Condition visible(Actor actor, Scope scope) {
        return switch (actor.role()) {
            case CITY_OFFICIAL -> new Scope.Condition("true", Map.of());
            case DISTRICT_OFFICIAL -> new Scope.Condition("(t.district_code = :v_district or t.unit_code = :v_unit)",
                    Map.of("v_district", actor.districtCode(), "v_unit", units.unitOf(actor).orElse("")));
            case DEPARTMENT_OFFICER -> new Scope.Condition("t.unit_code = :v_unit", Map.of("v_unit", units.unitOf(actor).orElse("")));
            case COMMISSIONER, ENTERPRISE -> scope.where("t.district_code", "t.enterprise_id");
            case GATE_CHECKER -> new Scope.Condition("false", Map.of());
        };
    }

    @Transactional(readOnly = true)
    public List<Ticket> list(Actor actor, Scope scope, View view, @Nullable TicketStatus status, @Nullable String text,
                             int limit, int offset) {
        if (!views(actor).contains(view)) {
            return List.of();
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        Scope.Condition visible = visible(actor, scope);
        conditions.add(visible.sql());
        params.putAll(visible.parameters());
        switch (view) {
            case UNIT -> {
                conditions.add("t.unit_code = :unit and t.status <> 'CLOSED'");
                params.put("unit", units.unitOf(actor).orElse(""));
            }
            case MINE -> {
                conditions.add("t.assignee_id = :me and t.status <> 'CLOSED'");
                params.put("me", actor.id());
            }
            case DISTRICT -> {
                conditions.add("t.district_code = :district");
                params.put("district", actor.districtCode());
            }
            case ESCALATED -> conditions.add("t.escalated and t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')");
            case ALL, OWN -> {
            }
        }
        if (status != null) {
            conditions.add("t.status = :status");
            params.put("status", status.name());
        }
        if (text != null && !text.isBlank()) {
            conditions.add("(t.title like :text or e.name like :text or t.number::text = :number)");
            params.put("text", SqlText.containing(text.trim()));
            params.put("number", text.trim().replace("#", ""));
        }
        params.put("limit", limit);
        params.put("offset", offset);
        params.put("now", Timestamp.from(clock.instant()));
        // Open tickets first, the most overdue at the top; then the settled ones, newest first.
        return jdbc.sql(TicketDesk.SELECT + " where " + String.join(" and ", conditions) + " " + """
                         order by case when t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE') then 0 else 1 end,
                                  case when t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE') then t.solution_due end,
                                  t.filed_at desc
                         limit :limit offset :offset""")
                .params(params).query(TicketDesk.TICKET).list();
    }

    /** Open tickets like the text (shared pairs of characters, so Chinese works), for the filing form. */
    @Transactional(readOnly = true)
    public List<Ticket> similarOpen(Actor actor, Scope scope, String text, int limit) {
        if (text.codePointCount(0, text.length()) < 2) {
            return List.of();
        }
        Scope.Condition visible = visible(actor, scope);
        Map<String, Object> params = new HashMap<>(visible.parameters());
        params.put("text", text);
        params.put("limit", limit);
        return jdbc.sql(TicketDesk.SELECT + " where " + visible.sql() + " " + """
                         and t.status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE')
                         and t.description_bigrams && enterprise_name_bigrams(:text)
                         order by (select count(*) from unnest(t.description_bigrams) b
                                   where b = any(enterprise_name_bigrams(:text))) desc, t.filed_at desc
                         limit :limit""")
                .params(params).query(TicketDesk.TICKET).list();
    }
}

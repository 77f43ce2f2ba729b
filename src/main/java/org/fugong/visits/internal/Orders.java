package org.fugong.visits.internal;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rectification orders and warning talks as their readers see them: the enterprise answers its
 * orders, the district records the talks its red enterprises were called to; overdue orders are the
 * district's queue. Opening, verifying and calling happen at visits ({@link Lights}).
 */
@Service
public class Orders {

    public record Order(
            UUID id,
            UUID enterpriseId,
            String districtCode,
            UUID visitId,
            String itemCode,
            String itemZh,
            String itemEn,
            boolean serious,
            @Nullable String remark,
            Instant openedAt,
            LocalDate dueOn,
            @Nullable String answerNote,
            @Nullable UUID answerPhoto,
            @Nullable Instant answeredAt,
            @Nullable String answeredBy,
            @Nullable UUID verifiedBy,
            @Nullable Instant verifiedAt,
            long version) {

        public String item(Locale locale) {
            return locale.getLanguage().equals("zh") ? itemZh : itemEn;
        }

        public boolean open() {
            return verifiedAt == null;
        }

        public boolean overdue(LocalDate today) {
            return open() && dueOn.isBefore(today);
        }

        /** OPEN, ANSWERED (waiting for the commissioner's check), VERIFIED; OVERDUE when open and past due. */
        public String state(LocalDate today) {
            if (!open()) {
                return "VERIFIED";
            }
            if (overdue(today)) {
                return "OVERDUE";
            }
            return answeredAt == null ? "OPEN" : "ANSWERED";
        }
    }

    public record Talk(
            UUID id,
            UUID enterpriseId,
            String districtCode,
            UUID visitId,
            Instant calledAt,
            @Nullable LocalDate heldOn,
            @Nullable String outcome,
            @Nullable String recordedBy,
            long version) {}

    private final JdbcClient jdbc;
    private final Photos photos;
    private final AuditTrail audit;
    private final Times times;
    private final Clock clock;

    Orders(JdbcClient jdbc, Photos photos, AuditTrail audit, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.photos = photos;
        this.audit = audit;
        this.times = times;
        this.clock = clock;
    }

    /** Orders in scope, open ones first (overdue first among them), at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<Order> list(Scope scope, @Nullable UUID enterpriseId, boolean openOnly, int limit) {
        Scope.Condition scoped = scope.where("district_code", "enterprise_id");
        Map<String, Object> params = new HashMap<>(scoped.parameters());
        StringBuilder sql = new StringBuilder("select * from visit_order where ").append(scoped.sql());
        if (enterpriseId != null) {
            sql.append(" and enterprise_id = :enterprise");
            params.put("enterprise", enterpriseId);
        }
        if (openOnly) {
            sql.append(" and verified_at is null");
        }
        sql.append(" order by verified_at is not null, due_on, opened_at limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(Order.class).list();
    }

    @Transactional(readOnly = true)
    public Order get(Scope scope, UUID id) {
        Order order = jdbc.sql("select * from visit_order where id = ?")
                .param(id)
                .query(Order.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("order", id));
        scope.check(order.districtCode(), order.enterpriseId());
        return order;
    }

    /** The enterprise answers an open order: what it did, with a photo if it has one. */
    @Transactional
    public Order answer(
            Actor actor, Scope scope, UUID id, long version, @Nullable String note, Photos.@Nullable Upload photo) {
        Order order = get(scope, id);
        if (!scope.owns(order.enterpriseId())) {
            throw new AccessDeniedException("Only the enterprise answers its orders");
        }
        if (!order.open()) {
            throw new RefusedChangeException("visits.error.orderClosed");
        }
        if (note == null || note.isBlank() || note.length() > 2000) {
            throw InvalidInputException.of("note", "visits.error.answerNote");
        }
        if (photo != null) {
            String problem = Photos.problem(photo);
            if (problem != null) {
                throw InvalidInputException.of("photo", problem);
            }
        }
        UUID photoId = photo == null ? order.answerPhoto() : photos.store(actor, photo);
        int changed = jdbc.sql("""
                        update visit_order set answer_note = ?, answer_photo = ?, answered_at = ?, answered_by = ?,
                                               version = version + 1
                        where id = ? and version = ? and verified_at is null""")
                .params(note.trim(), photoId, Timestamp.from(clock.instant()), actor.displayName(), id, version)
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        audit.record(AuditEntry.of("visits", "RectificationOrder", id, "ORDER_ANSWERED")
                .change(null, Map.of("note", note.trim(), "photo", photoId != null))
                .owner(order.districtCode(), order.enterpriseId()));
        return get(scope, id);
    }

    /** Warning talks in scope, the ones still to record first. */
    @Transactional(readOnly = true)
    public List<Talk> talks(Scope scope, @Nullable UUID enterpriseId, int limit) {
        Scope.Condition scoped = scope.where("district_code", "enterprise_id");
        Map<String, Object> params = new HashMap<>(scoped.parameters());
        StringBuilder sql = new StringBuilder("select * from visit_talk where ").append(scoped.sql());
        if (enterpriseId != null) {
            sql.append(" and enterprise_id = :enterprise");
            params.put("enterprise", enterpriseId);
        }
        sql.append(" order by held_on is not null, called_at desc limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(Talk.class).list();
    }

    /** A district (or city) official records that the talk was held, when, and what came of it. */
    @Transactional
    public Talk recordTalk(
            Actor actor, Scope scope, UUID id, long version, @Nullable LocalDate heldOn, @Nullable String outcome) {
        Talk talk = talk(id);
        scope.check(talk.districtCode(), talk.enterpriseId());
        if (!actor.hasRole(Role.DISTRICT_OFFICIAL) && !actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only district and city officials record warning talks");
        }
        Map<String, String> problems = new HashMap<>();
        LocalDate today = times.today();
        LocalDate called = talk.calledAt().atZone(times.zone()).toLocalDate();
        if (heldOn == null || heldOn.isAfter(today) || heldOn.isBefore(called)) {
            problems.put("heldOn", "visits.error.heldOn");
        }
        if (outcome == null || outcome.isBlank() || outcome.length() > 2000) {
            problems.put("outcome", "visits.error.outcome");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int changed = jdbc.sql("""
                        update visit_talk set held_on = ?, outcome = ?, recorded_by = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(Date.valueOf(heldOn), outcome.trim(), actor.displayName(), id, version)
                .update();
        if (changed == 0) {
            throw new StaleVersionException();
        }
        audit.record(AuditEntry.of("visits", "WarningTalk", id, "TALK_RECORDED")
                .change(null, Map.of("heldOn", heldOn.toString(), "outcome", outcome.trim()))
                .owner(talk.districtCode(), talk.enterpriseId()));
        return talk(id);
    }

    private Talk talk(UUID id) {
        return jdbc.sql("select * from visit_talk where id = ?")
                .param(id)
                .query(Talk.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("talk", id));
    }

    /** A photo of an order's answer or of a visit's failed item, if the scope may see what it belongs to. */
    @Transactional(readOnly = true)
    public Photos.Photo photo(Scope scope, UUID photoId) {
        var owner = jdbc.sql("""
                        select v.district_code, v.enterprise_id from visit_item i join visit v on v.id = i.visit_id
                        where i.photo_id = :id
                        union all
                        select o.district_code, o.enterprise_id from visit_order o where o.answer_photo = :id
                        limit 1""")
                .param("id", photoId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, UUID.class)})
                .optional()
                .orElseThrow(() -> new NotFoundException("photo", photoId));
        scope.check((String) owner[0], (UUID) owner[1]);
        return photos.read(photoId);
    }
}

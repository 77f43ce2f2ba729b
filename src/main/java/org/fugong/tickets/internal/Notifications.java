package org.fugong.tickets.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.shell.AfterCommit;
import org.fugong.tickets.TicketUnits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * In-app notifications to a unit (everyone who works in it) or an enterprise (its users), written
 * in the transaction of the change they tell of; and mail to a unit head when mail is configured
 * ({@code spring.mail.host}), sent after the commit. Without mail the message is logged.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    public record Notification(
            long id,
            String kind,
            @Nullable UUID ticketId,
            String text,
            Instant createdAt,
            @Nullable Instant readAt) {
        public String messageKey() {
            return "notification." + kind;
        }
    }

    private static final RowMapper<Notification> ROWS = (rs, n) -> new Notification(
            rs.getLong("id"),
            rs.getString("kind"),
            rs.getObject("ticket_id", UUID.class),
            rs.getString("text"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("read_at") == null
                    ? null
                    : rs.getTimestamp("read_at").toInstant());

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;
    private final TicketUnits units;
    private final String from;

    Notifications(
            JdbcClient jdbc,
            Clock clock,
            ObjectProvider<JavaMailSender> mail,
            TicketUnits units,
            @Value("${fugong.tickets.mail-from:fugong@localhost}") String from) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.mail = mail;
        this.units = units;
        this.from = from;
    }

    /** To everyone in a unit; mailed to the unit's address when it has one and mail is configured. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void toUnit(String unitCode, @Nullable UUID ticketId, String kind, String text) {
        insert("UNIT", unitCode, ticketId, kind, text);
        units.find(unitCode)
                .ifPresent(unit -> mailAfterCommit(unit.headEmail(), "[Fugong] " + kind + " " + text, text, false));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void toEnterprise(UUID enterpriseId, @Nullable UUID ticketId, String kind, String text) {
        insert("ENTERPRISE", enterpriseId.toString(), ticketId, kind, text);
    }

    /** A reminder notice (催办单) to the head of a unit: in the unit's inbox, and by mail when configured. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void toHeadOf(String unitCode, @Nullable UUID ticketId, String label, String subject, String text) {
        insert("UNIT", unitCode, ticketId, "REMINDER", label);
        var unit = units.find(unitCode).orElse(null);
        if (unit != null) {
            log.info("Reminder notice for {} ({}): {}", unit.headName(), unitCode, subject);
            mailAfterCommit(unit.headEmail(), subject, text, true);
        }
    }

    /** Mails once the change is committed (a rolled-back change mails nothing); without mail, a log line. */
    private void mailAfterCommit(@Nullable String to, String subject, String text, boolean important) {
        Runnable send = () -> {
            JavaMailSender sender = mail.getIfAvailable();
            if (sender == null || to == null) {
                if (important) {
                    log.info("No mail sent (no mail server or no address): {}", subject);
                } else {
                    log.debug("No mail sent (no mail server or no address): {}", subject);
                }
                return;
            }
            var message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(to);
            message.setSubject(subject);
            message.setText(text);
            try {
                sender.send(message);
            } catch (MailException e) {
                log.warn("Could not mail {}: {}", to, e.getMessage());
            }
        };
        AfterCommit.run(send);
    }

    private void insert(String kind, String recipient, @Nullable UUID ticketId, String notificationKind, String text) {
        jdbc.sql("""
                        insert into notification (recipient_kind, recipient, ticket_id, kind, text, created_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(kind, recipient, ticketId, notificationKind, text, Timestamp.from(clock.instant()))
                .update();
    }

    /** An enterprise's latest notifications of the kinds that start with the prefix, newest first. */
    @Transactional(readOnly = true)
    public List<Notification> ofEnterprise(UUID enterpriseId, String kindPrefix, int limit) {
        return jdbc.sql("""
                        select id, kind, ticket_id, text, created_at, read_at from notification
                        where recipient_kind = 'ENTERPRISE' and recipient = ? and kind like ?
                        order by created_at desc, id desc limit ?""")
                .params(enterpriseId.toString(), kindPrefix.replace("%", "") + "%", limit)
                .query(ROWS)
                .list();
    }

    /** The latest notifications an actor receives: its unit's, or its enterprise's. */
    @Transactional(readOnly = true)
    public List<Notification> of(Actor actor, @Nullable String unitCode, int limit) {
        List<String> conditions = new ArrayList<>();
        if (unitCode != null) {
            conditions.add("(recipient_kind = 'UNIT' and recipient = :unit)");
        }
        if (actor.hasRole(Role.ENTERPRISE) && actor.enterpriseId() != null) {
            conditions.add("(recipient_kind = 'ENTERPRISE' and recipient = :enterprise)");
        }
        if (conditions.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, kind, ticket_id, text, created_at, read_at from notification where "
                        + String.join(" or ", conditions) + " order by created_at desc, id desc limit :limit")
                .params(Map.of(
                        "unit",
                        unitCode == null ? "" : unitCode,
                        "enterprise",
                        actor.enterpriseId() == null ? "" : actor.enterpriseId().toString(),
                        "limit",
                        limit))
                .query(ROWS)
                .list();
    }
}

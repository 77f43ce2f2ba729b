package org.fugong.tickets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fugong.tickets.internal.Notifications;
import org.springframework.stereotype.Service;

/**
 * In-app notices to an enterprise's users from other modules (a lead told that its chain became
 * blocked or can run again), on the same notifications page as the ticket desk's. The kind names
 * the message {@code notification.<kind>}, the text fills it.
 */
@Service
public class Notices {

    private final Notifications notifications;

    Notices(Notifications notifications) {
        this.notifications = notifications;
    }

    public void toEnterprise(UUID enterpriseId, String kind, String text) {
        notifications.toEnterprise(enterpriseId, null, kind, text);
    }

    /** A notice as another module shows it: its message key, its text, when. */
    public record Notice(String messageKey, String text, Instant at) {}

    /**
     * The enterprise's latest notices of the kinds that start with the prefix (the caller has checked
     * that its reader may see the enterprise), newest first.
     */
    public List<Notice> recent(UUID enterpriseId, String kindPrefix, int limit) {
        return notifications.ofEnterprise(enterpriseId, kindPrefix, limit).stream()
                .map(n -> new Notice(n.messageKey(), n.text(), n.createdAt()))
                .toList();
    }
}

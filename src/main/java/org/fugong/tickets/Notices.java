package org.fugong.tickets;

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
}

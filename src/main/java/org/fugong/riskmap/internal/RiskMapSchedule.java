package org.fugong.riskmap.internal;

import java.lang.management.ManagementFactory;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The map's background work: the daily colours (and at start-up, in case the instance was down
 * at the hour), and the end of expired overrides. Safe with any number of instances: the daily
 * run is claimed in the database, and an expired override is ended by one UPDATE.
 */
@Component
class RiskMapSchedule {

    private static final Logger log = LoggerFactory.getLogger(RiskMapSchedule.class);
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final RiskMapDesk desk;
    private final Times times;

    RiskMapSchedule(RiskMapDesk desk, Times times) {
        this.desk = desk;
        this.times = times;
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        daily();
    }

    @Scheduled(cron = "${fugong.riskmap.daily-at:0 5 0 * * *}", zone = "${fugong.city.time-zone:Asia/Shanghai}")
    void daily() {
        if (desk.runDaily(times.today(), INSTANCE)) {
            log.info("Computed the risk colours of {}", times.today());
        }
    }

    @Scheduled(
            fixedDelayString = "${fugong.riskmap.override-sweep:30s}",
            initialDelayString = "${fugong.riskmap.override-sweep:30s}")
    void endExpiredOverrides() {
        int ended = desk.endExpiredOverrides();
        if (ended > 0) {
            log.info("Ended {} expired colour overrides", ended);
        }
    }
}

package org.fugong.riskmap.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dailyAt       when the day's colours are computed, as a cron in the city's time zone
 * @param overrideSweep how often expired overrides are ended
 */
@ConfigurationProperties("fugong.riskmap")
public record RiskMapProperties(
        @DefaultValue("0 5 0 * * *") String dailyAt,
        @DefaultValue("30s") Duration overrideSweep) {}

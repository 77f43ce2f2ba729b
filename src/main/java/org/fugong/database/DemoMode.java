package org.fugong.database;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Demo mode is on with the embedded database or the {@code demo} profile, unless
 * {@code fugong.demo.enabled} says otherwise. Templates ask {@code @demoMode.enabled()}.
 */
@Component("demoMode")
public class DemoMode {

    private final boolean enabled;

    DemoMode(
            @Value("${fugong.demo.enabled:}") String setting,
            Environment environment,
            ObjectProvider<EmbeddedPostgresServer> embedded) {
        this.enabled = setting.isBlank()
                ? embedded.getIfAvailable() != null || environment.acceptsProfiles(Profiles.of("demo"))
                : Boolean.parseBoolean(setting);
    }

    public boolean enabled() {
        return enabled;
    }
}

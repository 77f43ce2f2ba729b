package org.fugong.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * How far the demo city is loaded, for the readiness probe and the sign-in page. The application
 * serves while the demo loads in the background (it is one transaction: the demo accounts sign in
 * once it is committed), so readiness stays up and says so in its details.
 */
@Component("demoProgress")
public class DemoProgress implements HealthIndicator {

    /** Where the demo city is. */
    public enum State {
        /** Demo mode is off, or the city was loaded by an earlier start. */
        NONE,
        WAITING,
        LOADING,
        LOADED,
        FAILED
    }

    /** The steps of a load, in order, as the log and the page name them. */
    static final int STEPS = 11;

    private volatile State state = State.NONE;
    private volatile String step = "";
    private volatile int done;

    void waiting() {
        state = State.WAITING;
    }

    void step(String name) {
        step = name;
        done = state == State.LOADING ? done + 1 : 0;
        state = State.LOADING;
    }

    void loaded() {
        state = State.LOADED;
        done = STEPS;
        step = "";
    }

    void failed() {
        state = State.FAILED;
    }

    void none() {
        state = State.NONE;
    }

    /** True while the demo city is still being written: its accounts cannot sign in yet. */
    public boolean loading() {
        return state == State.WAITING || state == State.LOADING;
    }

    public State state() {
        return state;
    }

    /** Steps finished, of {@link #steps()}. */
    public int done() {
        return done;
    }

    public int steps() {
        return STEPS;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.name());
        if (loading()) {
            details.put("step", step);
            details.put("done", done);
            details.put("of", STEPS);
        }
        // Up even while loading: the application serves; the details tell what is not there yet.
        return Health.up().withDetails(details).build();
    }
}

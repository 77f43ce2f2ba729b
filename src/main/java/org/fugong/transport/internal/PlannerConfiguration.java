package org.fugong.transport.internal;

import ai.timefold.solver.core.api.score.buildin.bendablelong.BendableLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.SolverManagerConfig;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trip planner's solver, built as beans (Timefold's open-source core, no starter): one solver
 * configuration shared with the CVRPLIB benchmark's search, one plan solved at a time in the
 * background, never on a request thread.
 */
@Configuration(proxyBeanMethods = false)
class PlannerConfiguration {

    /** The planner's configuration, for a time limit. */
    static SolverConfig config(Duration limit) {
        return Search.configure(new SolverConfig()
                        .withSolutionClass(TripPlan.class)
                        .withEntityClasses(TripSlot.class, WorkerGroup.class)
                        .withConstraintProviderClass(TripConstraints.class))
                .withTerminationSpentLimit(limit);
    }

    @Bean
    SolverFactory<TripPlan> tripSolverFactory(@Value("${fugong.transport.plan-seconds:30}") int seconds) {
        return SolverFactory.create(config(Duration.ofSeconds(seconds)));
    }

    @Bean(destroyMethod = "close")
    SolverManager<TripPlan, UUID> tripSolverManager(SolverFactory<TripPlan> factory) {
        return SolverManager.create(factory, new SolverManagerConfig().withParallelSolverCount("1"));
    }

    @Bean
    SolutionManager<TripPlan, BendableLongScore> tripSolutionManager(SolverFactory<TripPlan> factory) {
        return SolutionManager.create(factory);
    }
}

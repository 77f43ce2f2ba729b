package org.fugong.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fugong.transport.internal.Cvrp;
import org.fugong.transport.internal.CvrpSolver;
import org.junit.jupiter.api.Test;

/**
 * The routing model against CVRPLIB: the cost function against the official optimal solution of
 * A-n32-k5 (784, with TSPLIB's rounded edges), and a short solve that serves every customer once
 * within capacity, near the optimum.
 */
class CvrpTests {

    private static final Path INSTANCE = Path.of("src/test/resources/cvrp/A-n32-k5.vrp");

    @Test
    void theCostOfTheOfficialSolutionIsItsStatedOptimum() throws Exception {
        Cvrp cvrp = Cvrp.read(INSTANCE);
        assertThat(cvrp.name()).isEqualTo("A-n32-k5");
        assertThat(cvrp.size()).isEqualTo(32);
        assertThat(cvrp.capacity()).isEqualTo(100);
        assertThat(cvrp.vehicles()).isEqualTo(5);
        assertThat(cvrp.optimum()).isEqualTo(784L);
        List<List<Integer>> routes = Cvrp.readRoutes(Path.of("src/test/resources/cvrp/A-n32-k5.sol"));
        long cost = routes.stream().mapToLong(cvrp::cost).sum();
        assertThat(cost).isEqualTo(784);
        // Unrounded, the same routes would cost 787.81: the rounding is per edge.
        assertThat(routes).allSatisfy(r -> assertThat(cvrp.load(r)).isLessThanOrEqualTo(cvrp.capacity()));
        // Written back in CVRPLIB's format, it reads the same.
        assertThat(Cvrp.solution(routes, cost))
                .startsWith("Route #1: 21 31 19 17 13 7 26\n")
                .endsWith("Cost 784\n");
    }

    @Test
    void aShortSolveServesEveryCustomerOnceWithinCapacityNearTheOptimum() throws Exception {
        Cvrp cvrp = Cvrp.read(INSTANCE);
        CvrpSolver.Result result = CvrpSolver.solve(cvrp, Duration.ofSeconds(3), 1);
        List<Integer> served = new ArrayList<>();
        result.routes().forEach(served::addAll);
        assertThat(served).doesNotHaveDuplicates().hasSize(cvrp.size() - 1);
        assertThat(result.feasible()).isTrue();
        assertThat(result.routes()).allSatisfy(r -> assertThat(cvrp.load(r)).isLessThanOrEqualTo(cvrp.capacity()));
        assertThat(result.cost())
                .isEqualTo(result.routes().stream().mapToLong(cvrp::cost).sum())
                .isBetween(784L, 784L * 110 / 100);
    }
}

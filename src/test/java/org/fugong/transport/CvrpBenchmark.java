package org.fugong.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.fugong.transport.internal.Cvrp;
import org.fugong.transport.internal.CvrpSolver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The routing model on every CVRPLIB {@code .vrp} file of a directory, for a time limit each: cost,
 * vehicles, seconds and the gap to the optimum in the file's comment, then the mean gap; with an
 * output directory, each solution in CVRPLIB's {@code .sol} format. A program, not a test:
 * {@code bench/transport.sh DIR [SECONDS] [--solutions OUTDIR]}.
 */
@Tag("benchmark")
class CvrpBenchmark {

    @Test
    void measure() throws IOException {
        Path dir = Path.of(System.getProperty("bench.dir", "../shared/cvrplib-A"));
        double seconds = Double.parseDouble(System.getProperty("bench.seconds", "10"));
        String out = System.getProperty("bench.solutions", "");
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(p -> p.toString().endsWith(".vrp")).sorted().toList();
        }
        if (!out.isEmpty()) {
            Files.createDirectories(Path.of(out));
        }
        List<Double> gaps = new ArrayList<>();
        for (Path file : files) {
            Cvrp cvrp;
            try {
                cvrp = Cvrp.read(file);
            } catch (IOException | RuntimeException unreadable) {
                System.out.printf(
                        Locale.ROOT,
                        "BENCH %s unreadable: %s%n",
                        file.getFileName().toString().replaceFirst("\\.vrp$", ""),
                        unreadable.getMessage());
                continue;
            }
            CvrpSolver.Result result = CvrpSolver.solve(cvrp, Duration.ofMillis((long) (seconds * 1000)), 0);
            String gap = "";
            if (cvrp.optimum() != null) {
                double g = 100.0 * (result.cost() - cvrp.optimum()) / cvrp.optimum();
                gaps.add(g);
                gap = String.format(Locale.ROOT, " gap=%.2f%%", g);
            }
            System.out.printf(
                    Locale.ROOT,
                    "BENCH %s cost=%d vehicles=%d seconds=%.1f%s%s%n",
                    cvrp.name(),
                    result.cost(),
                    result.vehicles(),
                    result.seconds(),
                    gap,
                    result.feasible() ? "" : " INFEASIBLE");
            if (!out.isEmpty()) {
                Files.writeString(
                        Path.of(out, cvrp.name() + ".sol"),
                        Cvrp.solution(result.routes(), result.cost()),
                        StandardCharsets.UTF_8);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "BENCH mean gap=%.2f%%%n",
                gaps.stream().mapToDouble(Double::doubleValue).average().orElse(0));
    }
}

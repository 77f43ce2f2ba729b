package org.fugong.transport.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A capacitated vehicle-routing instance in CVRPLIB's (TSPLIB) format: a depot, customers with their
 * demands, one vehicle capacity, the distances — Euclidean between the given coordinates rounded to
 * the nearest integer (TSPLIB's {@code nint}, {@code EUC_2D}), or given as a matrix ({@code EXPLICIT}:
 * full, lower or upper, with or without the diagonal) — and the proven optimum when the comment
 * gives it. Node 0 is the depot; customer {@code c} of a {@code .sol} file is node {@code c}.
 */
public record Cvrp(
        String name,
        int capacity,
        int[] demand,
        int vehicles,
        @Nullable Long optimum,
        long[][] distances) {

    private static final Pattern TRUCKS = Pattern.compile("(?:trucks|k)\\D{0,3}(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPTIMUM =
            Pattern.compile("(?:optimal value|best value)\\D{0,3}(\\d+)", Pattern.CASE_INSENSITIVE);

    /** Nodes, the depot included. */
    public int size() {
        return demand.length;
    }

    /** The distance between two nodes. */
    public long distance(int from, int to) {
        return distances[from][to];
    }

    /** A route's cost: depot, its customers in order, depot. */
    public long cost(List<Integer> route) {
        if (route.isEmpty()) {
            return 0;
        }
        long cost = distance(0, route.get(0));
        for (int i = 1; i < route.size(); i++) {
            cost += distance(route.get(i - 1), route.get(i));
        }
        return cost + distance(route.get(route.size() - 1), 0);
    }

    /** What the routes deliver each, against the capacity. */
    public long load(List<Integer> route) {
        long load = 0;
        for (int customer : route) {
            load += demand[customer];
        }
        return load;
    }

    /** Reads a {@code .vrp} file (one depot, node 1). */
    public static Cvrp read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().replaceFirst("\\.vrp$", "");
        String comment = "";
        String weightType = "EUC_2D";
        String weightFormat = "";
        int dimension = -1;
        int capacity = -1;
        int depot = 1;
        double[] x = null;
        double[] y = null;
        int[] demand = null;
        List<Long> weights = new ArrayList<>();
        String section = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.contains(":") && Character.isLetter(line.charAt(0))) {
                String key = line.substring(0, line.indexOf(':')).strip().toUpperCase(Locale.ROOT);
                String value = line.substring(line.indexOf(':') + 1).strip();
                switch (key) {
                    case "NAME" -> name = value;
                    case "COMMENT" -> comment = value;
                    case "DIMENSION" -> dimension = Integer.parseInt(value);
                    case "CAPACITY" -> capacity = Integer.parseInt(value);
                    case "EDGE_WEIGHT_TYPE" -> weightType = value.toUpperCase(Locale.ROOT);
                    case "EDGE_WEIGHT_FORMAT" -> weightFormat = value.toUpperCase(Locale.ROOT);
                    default -> {}
                }
                continue;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            if (Character.isLetter(line.charAt(0))) {
                section = upper.split("\\s+")[0];
                if (dimension > 0 && demand == null) {
                    x = new double[dimension];
                    y = new double[dimension];
                    demand = new int[dimension];
                }
                continue;
            }
            String[] parts = line.split("\\s+");
            switch (section) {
                case "NODE_COORD_SECTION" -> {
                    int id = Integer.parseInt(parts[0]) - 1;
                    x[id] = Double.parseDouble(parts[1]);
                    y[id] = Double.parseDouble(parts[2]);
                }
                case "DEMAND_SECTION" -> demand[Integer.parseInt(parts[0]) - 1] = Integer.parseInt(parts[1]);
                case "DEPOT_SECTION" -> {
                    int id = Integer.parseInt(parts[0]);
                    if (id > 0) {
                        depot = id;
                    }
                }
                case "EDGE_WEIGHT_SECTION" -> {
                    for (String part : parts) {
                        weights.add(Math.round(Double.parseDouble(part)));
                    }
                }
                default -> {}
            }
        }
        if (demand == null || capacity <= 0) {
            throw new IOException(file + ": no DIMENSION, CAPACITY or DEMAND_SECTION");
        }
        if (depot != 1) {
            throw new IOException(file + ": the depot must be node 1");
        }
        long[][] distances = switch (weightType) {
            case "EUC_2D" -> euclidean(x, y);
            case "EXPLICIT" -> explicit(file, dimension, weightFormat, weights);
            default -> throw new IOException(file + ": distances of type " + weightType + " are not read");
        };
        Matcher trucks = TRUCKS.matcher(comment.isEmpty() ? name : comment);
        Matcher inName = Pattern.compile("-k(\\d+)").matcher(name);
        int vehicles = inName.find()
                ? Integer.parseInt(inName.group(1))
                : trucks.find() ? Integer.parseInt(trucks.group(1)) : (int) Math.ceil(sum(demand) / (double) capacity);
        Matcher optimum = OPTIMUM.matcher(comment);
        return new Cvrp(
                name, capacity, demand, vehicles, optimum.find() ? Long.parseLong(optimum.group(1)) : null, distances);
    }

    /** TSPLIB's EUC_2D: the Euclidean distance rounded to the nearest integer. */
    private static long[][] euclidean(double[] x, double[] y) {
        int n = x.length;
        long[][] d = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = x[i] - x[j];
                double dy = y[i] - y[j];
                d[i][j] = (long) Math.floor(Math.sqrt(dx * dx + dy * dy) + 0.5);
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    /** An explicit matrix in one of TSPLIB's formats. */
    private static long[][] explicit(Path file, int n, String format, List<Long> weights) throws IOException {
        long[][] d = new long[n][n];
        int k = 0;
        try {
            switch (format) {
                case "FULL_MATRIX" -> {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            d[i][j] = weights.get(k++);
                        }
                    }
                }
                case "LOWER_ROW", "LOWER_DIAG_ROW" -> {
                    boolean diagonal = format.equals("LOWER_DIAG_ROW");
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; diagonal ? j <= i : j < i; j++) {
                            d[i][j] = weights.get(k++);
                            d[j][i] = d[i][j];
                        }
                    }
                }
                case "UPPER_ROW", "UPPER_DIAG_ROW" -> {
                    boolean diagonal = format.equals("UPPER_DIAG_ROW");
                    for (int i = 0; i < n; i++) {
                        for (int j = diagonal ? i : i + 1; j < n; j++) {
                            d[i][j] = weights.get(k++);
                            d[j][i] = d[i][j];
                        }
                    }
                }
                default -> throw new IOException(file + ": the matrix format " + format + " is not read");
            }
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(file + ": the EDGE_WEIGHT_SECTION is shorter than its " + format + " format needs");
        }
        return d;
    }
    /** Reads a {@code .sol} file: its routes (customer numbers as nodes) and the cost it states. */
    public static List<List<Integer>> readRoutes(Path file) throws IOException {
        List<List<Integer>> routes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("Route")) {
                List<Integer> route = new ArrayList<>();
                for (String c : line.substring(line.indexOf(':') + 1).strip().split("\\s+")) {
                    if (!c.isEmpty()) {
                        route.add(Integer.parseInt(c));
                    }
                }
                routes.add(route);
            }
        }
        return routes;
    }

    /** Writes routes in CVRPLIB's {@code .sol} format. */
    public static String solution(List<List<Integer>> routes, long cost) {
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (List<Integer> route : routes) {
            if (route.isEmpty()) {
                continue;
            }
            text.append("Route #").append(++n).append(':');
            route.forEach(c -> text.append(' ').append(c));
            text.append('\n');
        }
        return text.append("Cost ").append(cost).append('\n').toString();
    }

    private static long sum(int[] values) {
        long sum = 0;
        for (int v : values) {
            sum += v;
        }
        return sum;
    }
}

package org.fugong.transport.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A capacitated vehicle-routing instance in CVRPLIB's (TSPLIB) format: a depot, customers with their
 * demands, one vehicle capacity, Euclidean distances rounded to the nearest integer (TSPLIB's
 * {@code nint}), and the proven optimum when the comment gives it. Node 0 is the depot; customer
 * {@code c} of a {@code .sol} file is node {@code c}.
 */
public record Cvrp(
        String name,
        int capacity,
        int[] x,
        int[] y,
        int[] demand,
        int vehicles,
        @Nullable Long optimum) {

    private static final Pattern TRUCKS = Pattern.compile("(?:trucks|k)\\D{0,3}(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPTIMUM =
            Pattern.compile("(?:optimal value|best value)\\D{0,3}(\\d+)", Pattern.CASE_INSENSITIVE);

    /** Nodes, the depot included. */
    public int size() {
        return x.length;
    }

    /** The rounded Euclidean distance between two nodes. */
    public long distance(int from, int to) {
        double dx = x[from] - x[to];
        double dy = y[from] - y[to];
        return (long) Math.floor(Math.sqrt(dx * dx + dy * dy) + 0.5);
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

    /** Reads a {@code .vrp} file (EUC_2D, one depot). */
    public static Cvrp read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().replaceFirst("\\.vrp$", "");
        String comment = "";
        int dimension = -1;
        int capacity = -1;
        int depot = 1;
        int[] x = null;
        int[] y = null;
        int[] demand = null;
        String section = "";
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.contains(":") && !Character.isDigit(line.charAt(0)) && !line.startsWith("-")) {
                String key = line.substring(0, line.indexOf(':')).strip().toUpperCase();
                String value = line.substring(line.indexOf(':') + 1).strip();
                switch (key) {
                    case "NAME" -> name = value;
                    case "COMMENT" -> comment = value;
                    case "DIMENSION" -> dimension = Integer.parseInt(value);
                    case "CAPACITY" -> capacity = Integer.parseInt(value);
                    case "EDGE_WEIGHT_TYPE" -> {
                        if (!value.equals("EUC_2D")) {
                            throw new IOException(file + ": only EUC_2D distances are read, not " + value);
                        }
                    }
                    default -> {}
                }
                continue;
            }
            String upper = line.toUpperCase();
            if (upper.endsWith("_SECTION") || upper.equals("EOF")) {
                section = upper;
                if (dimension > 0 && x == null) {
                    x = new int[dimension];
                    y = new int[dimension];
                    demand = new int[dimension];
                }
                continue;
            }
            String[] parts = line.split("\\s+");
            switch (section) {
                case "NODE_COORD_SECTION" -> {
                    int id = Integer.parseInt(parts[0]) - 1;
                    x[id] = (int) Math.round(Double.parseDouble(parts[1]));
                    y[id] = (int) Math.round(Double.parseDouble(parts[2]));
                }
                case "DEMAND_SECTION" -> demand[Integer.parseInt(parts[0]) - 1] = Integer.parseInt(parts[1]);
                case "DEPOT_SECTION" -> {
                    int id = Integer.parseInt(parts[0]);
                    if (id > 0) {
                        depot = id;
                    }
                }
                default -> {}
            }
        }
        if (x == null || capacity <= 0) {
            throw new IOException(file + ": no DIMENSION, CAPACITY or NODE_COORD_SECTION");
        }
        if (depot != 1) {
            throw new IOException(file + ": the depot must be node 1");
        }
        Matcher trucks = TRUCKS.matcher(comment.isEmpty() ? name : comment);
        Matcher inName = Pattern.compile("-k(\\d+)").matcher(name);
        int vehicles = inName.find()
                ? Integer.parseInt(inName.group(1))
                : trucks.find() ? Integer.parseInt(trucks.group(1)) : (int) Math.ceil(sum(demand) / (double) capacity);
        Matcher optimum = OPTIMUM.matcher(comment);
        return new Cvrp(
                name, capacity, x, y, demand, vehicles, optimum.find() ? Long.parseLong(optimum.group(1)) : null);
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

package org.fugong.transport.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where the planner's points are and how far apart by road: great-circle distance times the road
 * factor of the rules (or a road distance matrix when one is given). Point 0 is the city's hub, where
 * every trip starts and ends; the others are origin counties.
 */
public final class TripGeometry {

    private static final double EARTH_KM = 6371.0088;

    private final double[] lon;
    private final double[] lat;
    private final double roadFactor;
    private final int @Nullable [][] matrix;

    public TripGeometry(double[] lon, double[] lat, double roadFactor) {
        this(lon, lat, roadFactor, null);
    }

    /**
     * With road distances in km (row and column 0 the hub) used instead of the great circle where they
     * are known (above 0).
     */
    public TripGeometry(double[] lon, double[] lat, double roadFactor, int @Nullable [][] matrix) {
        this.lon = lon;
        this.lat = lat;
        this.roadFactor = roadFactor;
        this.matrix = matrix;
    }

    public int size() {
        return lon.length;
    }

    /** Road kilometres between two points, rounded. */
    public int km(int from, int to) {
        if (from == to) {
            return 0;
        }
        if (matrix != null && matrix[from][to] > 0) {
            return matrix[from][to];
        }
        return (int) Math.round(greatCircleKm(lon[from], lat[from], lon[to], lat[to]) * roadFactor);
    }

    public double lon(int point) {
        return lon[point];
    }

    public double lat(int point) {
        return lat[point];
    }

    /** The great-circle distance in km (haversine). */
    public static double greatCircleKm(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}

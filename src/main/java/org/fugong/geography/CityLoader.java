package org.fugong.geography;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fugong.geography.internal.GeographyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the configured city file into the database at start-up: new units are added and names
 * corrected before the server takes requests, in one transaction, under an advisory lock so that instances starting together do
 * it once each without colliding.
 */
@Component
class CityLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CityLoader.class);
    static final long LOCK_KEY = 0x4655_474f_4e47_0001L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final GeographyProperties properties;
    private final Geography geography;

    CityLoader(JdbcClient jdbc, TransactionTemplate transaction, GeographyProperties properties, Geography geography) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.geography = geography;
    }

    /** Runs once all beans exist and before the web server takes requests. */
    @Override
    public void afterSingletonsInstantiated() {
        List<String[]> rows = read();
        String cityCode = transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query().singleRow();
            String code = null;
            int order = 0;
            for (String[] row : rows) {
                switch (row[0]) {
                    case "city" -> {
                        code = row[1];
                        jdbc.sql("""
                                insert into geo_city (code, name_zh, name_en, time_zone) values (?, ?, ?, ?)
                                on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
                                    time_zone = excluded.time_zone""").params(row[1], row[3], row[4], row[5]).update();
                    }
                    case "district" ->
                        jdbc.sql("""
                            insert into geo_district (code, city_code, name_zh, name_en, kind, sort_order) values (?, ?, ?, ?, ?, ?)
                            on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
                                kind = excluded.kind, sort_order = excluded.sort_order""")
                                .params(row[1], row[2], row[3], row[4], row[5], ++order)
                                .update();
                    case "township" ->
                        jdbc.sql("""
                            insert into geo_township (code, district_code, name_zh, name_en, kind) values (?, ?, ?, ?, ?)
                            on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
                                kind = excluded.kind""")
                                .params(row[1], row[2], row[3], row[4], row[5])
                                .update();
                    default -> throw new IllegalStateException("Unknown level in the city file: " + row[0]);
                }
            }
            return code;
        });
        if (cityCode == null) {
            throw new IllegalStateException("The city file names no city: " + properties.cityFile());
        }
        geography.reload(cityCode);
        log.info("City {} loaded: {} districts", cityCode, geography.districts().size());
    }

    private List<String[]> read() {
        List<String[]> rows = new ArrayList<>();
        try (var reader = new BufferedReader(
                new InputStreamReader(properties.cityFile().getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != 6) {
                    throw new IllegalStateException(
                            "City file line " + number + " has " + fields.length + " fields, not 6");
                }
                rows.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the city file " + properties.cityFile(), e);
        }
        return rows;
    }
}

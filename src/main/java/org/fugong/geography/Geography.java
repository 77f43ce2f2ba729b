package org.fugong.geography;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fugong.access.Scope;
import org.fugong.shell.Choice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The city served and its units. Units change only with the city file, so they are read once
 * and kept; {@link CityLoader} refreshes them after loading.
 */
@Service
public class Geography {

    private final JdbcClient jdbc;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    Geography(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Snapshot(
            City city,
            List<District> districts,
            Map<String, District> districtsByCode,
            Map<String, Township> townshipsByCode,
            Map<String, List<Township>> townshipsByDistrict) {
        static final Snapshot EMPTY =
                new Snapshot(new City("", "", "", "Asia/Shanghai"), List.of(), Map.of(), Map.of(), Map.of());
    }

    void reload(String cityCode) {
        City city = jdbc.sql("select code, name_zh, name_en, time_zone from geo_city where code = ?")
                .param(cityCode)
                .query(City.class)
                .single();
        List<District> districts =
                jdbc.sql("""
                        select code, city_code, name_zh, name_en, kind, sort_order from geo_district
                        where city_code = ? order by sort_order""").param(cityCode).query(District.class).list();
        List<Township> townships =
                jdbc.sql("""
                        select t.code, t.district_code, t.name_zh, t.name_en, t.kind from geo_township t
                        join geo_district d on d.code = t.district_code where d.city_code = ? order by t.code""").param(cityCode).query(Township.class).list();
        snapshot = new Snapshot(
                city,
                districts,
                districts.stream().collect(Collectors.toUnmodifiableMap(District::code, Function.identity())),
                townships.stream().collect(Collectors.toUnmodifiableMap(Township::code, Function.identity())),
                townships.stream()
                        .collect(Collectors.groupingBy(Township::districtCode, Collectors.toUnmodifiableList())));
    }

    public City city() {
        return snapshot.city();
    }

    public List<District> districts() {
        return snapshot.districts();
    }

    /** The districts a scope sees whole (all for the city, its own for a district), as choices in the reader's language. */
    public List<Choice> districtChoices(Scope scope, Locale locale) {
        return districts().stream()
                .filter(d -> scope.permitsDistrict(d.code()))
                .map(d -> Choice.ofName(d.code(), d.name(locale)))
                .toList();
    }

    public Optional<District> district(String code) {
        return Optional.ofNullable(snapshot.districtsByCode().get(code));
    }

    public Optional<Township> township(String code) {
        return Optional.ofNullable(snapshot.townshipsByCode().get(code));
    }

    public List<Township> townships(String districtCode) {
        return snapshot.townshipsByDistrict().getOrDefault(districtCode, List.of());
    }

    /** Whether the township lies in the district. */
    public boolean contains(String districtCode, String townshipCode) {
        return township(townshipCode)
                .map(t -> t.districtCode().equals(districtCode))
                .orElse(false);
    }
}

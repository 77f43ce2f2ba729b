package org.fugong.riskmap.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.geography.Township;
import org.fugong.riskmap.MapUnit;
import org.springframework.stereotype.Component;

/** The units the map colours: every district of the city and every township. */
@Component
public class MapUnits {

    private final Geography geography;

    MapUnits(Geography geography) {
        this.geography = geography;
    }

    public List<MapUnit> all() {
        List<MapUnit> units = new ArrayList<>();
        for (District district : geography.districts()) {
            units.add(of(district));
            geography.townships(district.code()).forEach(t -> units.add(of(t)));
        }
        return units;
    }

    public List<MapUnit> districts() {
        return geography.districts().stream().map(MapUnits::of).toList();
    }

    public List<MapUnit> townships(String districtCode) {
        return geography.townships(districtCode).stream().map(MapUnits::of).toList();
    }

    public Optional<MapUnit> find(String code) {
        return geography
                .district(code)
                .map(MapUnits::of)
                .or(() -> geography.township(code).map(MapUnits::of));
    }

    private static MapUnit of(District d) {
        return new MapUnit(d.code(), d.code(), d.nameZh(), d.nameEn(), false);
    }

    private static MapUnit of(Township t) {
        return new MapUnit(t.code(), t.districtCode(), t.nameZh(), t.nameEn(), true);
    }
}

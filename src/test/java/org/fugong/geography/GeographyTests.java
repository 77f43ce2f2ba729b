package org.fugong.geography;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.fugong.IntegrationTest;
import org.fugong.shell.Choice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The loaded city, its units as other modules ask for them, the district choices by scope, and the API. */
class GeographyTests extends IntegrationTest {

    @Autowired
    Geography geography;

    @Test
    void theCityIsLoadedWithItsDistrictsAndTheirTownships() {
        assertThat(geography.city().code()).isEqualTo("330200");
        assertThat(geography.districts())
                .hasSize(11)
                .extracting(District::code)
                .contains("330203", "330205", "330212")
                .doesNotHaveDuplicates();
        for (District district : geography.districts()) {
            assertThat(geography.townships(district.code()))
                    .as(district.code())
                    .isNotEmpty()
                    .allSatisfy(t -> {
                        assertThat(t.districtCode()).isEqualTo(district.code());
                        assertThat(geography.contains(district.code(), t.code()))
                                .isTrue();
                        assertThat(geography.township(t.code())).contains(t);
                    });
        }
        String haishuTownship = geography.townships("330203").get(0).code();
        assertThat(geography.contains("330205", haishuTownship)).isFalse();
        assertThat(geography.contains("330203", "999999999")).isFalse();
        assertThat(geography.district("999999")).isEmpty();
        assertThat(geography.townships("999999")).isEmpty();
    }

    @Test
    void districtChoicesFollowTheScopeAndTheReadersLanguage() {
        assertThat(geography.districtChoices(scope("city"), Locale.ENGLISH)).hasSize(11);
        var haishu = geography.districtChoices(scope("haishu"), Locale.ENGLISH);
        assertThat(haishu).extracting(Choice::value).containsExactly("330203");
        assertThat(haishu.get(0).label())
                .isEqualTo(geography.district("330203").orElseThrow().nameEn());
        assertThat(geography
                        .districtChoices(scope("haishu"), Locale.SIMPLIFIED_CHINESE)
                        .get(0)
                        .label())
                .isEqualTo("海曙区");
        // Who sees no whole district chooses none.
        assertThat(geography.districtChoices(scope("commissioner"), Locale.ENGLISH))
                .isEmpty();
        assertThat(geography.districtChoices(scope("ent-haishu"), Locale.ENGLISH))
                .isEmpty();
    }

    @Test
    void theApiListsDistrictsAndTownshipsAndRefusesAnUnknownDistrict() throws Exception {
        String districts = mvc.get()
                .uri("/api/geography/districts")
                .with(as("city"))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(districts).contains("\"330203\"").contains("\"330212\"");
        var townships = mvc.get()
                .uri("/api/geography/districts/330203/townships")
                .with(as("city"))
                .exchange()
                .getResponse();
        assertThat(townships.getStatus()).isEqualTo(200);
        assertThat(townships.getContentAsString())
                .contains(geography.townships("330203").get(0).code())
                .doesNotContain(geography.townships("330205").get(0).code());
        var unknown = mvc.get()
                .uri("/api/geography/districts/999999/townships")
                .with(as("city"))
                .exchange()
                .getResponse();
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentType()).contains("json");
    }
}

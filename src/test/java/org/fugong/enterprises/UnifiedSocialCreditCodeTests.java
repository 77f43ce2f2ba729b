package org.fugong.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTests {

    @ParameterizedTest
    @ValueSource(strings = {"91330100799655058B", "9144030071526726XG", "91350100M000100Y43"})
    void acceptsPublishedCodes(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "91330100799655058C",
                "9144030071526726XH",
                "91350100M000100Y4",
                "91350100M000100Y433",
                "91350100I000100Y43",
                "91350100O000100Y43",
                "9135010OM000100Y4S",
                "",
                "91330100799655058b"
            })
    void refusesWrongCheckCharacterLengthOrAlphabet(String code) {
        assertThat(UnifiedSocialCreditCode.isValid(code)).isFalse();
    }

    @Test
    void composedCodesAreValidAndCarryTheOrganisationCheck() {
        // 12345678: 1·3 + 2·7 + 3·9 + 4·10 + 5·5 + 6·8 + 7·4 + 8·2 = 201, 201 mod 11 = 3, check 11 − 3 = 8.
        String code = UnifiedSocialCreditCode.compose('9', '1', "330203", "12345678");
        assertThat(code).hasSize(18).startsWith("91330203123456788");
        assertThat(UnifiedSocialCreditCode.isValid(code)).isTrue();
    }

    @Test
    void randomCompanyCodesAreValidAndRegisteredInTheDistrict() {
        var random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            String haishu = UnifiedSocialCreditCode.randomCompany("330203", random);
            assertThat(UnifiedSocialCreditCode.isValid(haishu)).as(haishu).isTrue();
            assertThat(haishu).startsWith("91330203");
        }
        // A functional zone without a GB/T 2260 code registers under its city.
        assertThat(UnifiedSocialCreditCode.randomCompany("330200-GX", random)).startsWith("91330200");
    }

    @Test
    void organisationCheckFollowsGb11714() {
        // The standard's worked example: D2143569 has the check character X.
        assertThat(UnifiedSocialCreditCode.organisationCheckCharacter("D2143569"))
                .isEqualTo('X');
    }

    @Test
    void checkCharacterNeedsSeventeenCharacters() {
        assertThatThrownBy(() -> UnifiedSocialCreditCode.checkCharacter("123"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

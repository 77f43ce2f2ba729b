package org.fugong.healthcode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatClaimsTests {

    @Test
    void readsWhatTheServerSignsAsAGeneralParserDoes() {
        String json = new JWTClaimsSet.Builder()
                .claim("ref", "a-b_c")
                .claim("c", "YELLOW")
                .claim("n", "阿依古丽·买*提 \"q\" \\ \t")
                .issueTime(Date.from(Instant.ofEpochSecond(1_700_000_000L)))
                .expirationTime(Date.from(Instant.ofEpochSecond(1_700_000_300L)))
                .build()
                .toString();
        FlatClaims claims = FlatClaims.parse(json);
        assertThat(claims.string("ref")).isEqualTo("a-b_c");
        assertThat(claims.string("c")).isEqualTo("YELLOW");
        assertThat(claims.string("n")).isEqualTo("阿依古丽·买*提 \"q\" \\ \t");
        assertThat(claims.number("exp")).isEqualTo(1_700_000_300L);
        assertThat(claims.string("missing")).isNull();
        assertThat(FlatClaims.parse(" { \"a\" : \"\\u00e9\\/\" , \"b\":-5 } ").string("a"))
                .isEqualTo("é/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{",
                "[]",
                "{\"a\":1,}",
                "{\"a\":{\"b\":1}}",
                "{\"a\":[1]}",
                "{\"a\":true}",
                "{\"a\":1.5}",
                "{\"a\":1}x",
                "{\"a\":1,\"a\":2}",
                "{\"a\":\"x}",
                "{\"a\":\"\\q\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"\u0001\"}",
                "{\"a\":99999999999999999999}",
                "{a:1}"
            })
    void refusesAnythingButAFlatObjectOfStringsAndIntegers(String json) {
        assertThatThrownBy(() -> FlatClaims.parse(json)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClaimOfTheWrongKindIsRefused() {
        FlatClaims claims = FlatClaims.parse("{\"exp\":\"soon\",\"c\":3}");
        assertThatThrownBy(() -> claims.number("exp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> claims.string("c")).isInstanceOf(IllegalArgumentException.class);
    }
}

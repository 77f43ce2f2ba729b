package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.GateScans;
import org.fugong.healthcode.internal.HealthCodeProperties;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.healthcode.internal.PersonalDataCipher;
import org.fugong.healthcode.internal.SigningKeys;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Health codes: personal data never in plain text, signed codes that refuse a changed byte, an
 * expired code and an unknown key, survive a key rotation, and verify with another JOSE library.
 */
class HealthCodeTests extends IntegrationTest {

    @Autowired
    Persons persons;

    @Autowired
    HealthCodes codes;

    @Autowired
    SigningKeys keys;

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    GateScans scans;

    @Autowired
    HealthLists lists;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String residentId(Random random) {
        String first17 = "330203" + (1960 + random.nextInt(40))
                + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                + String.format("%03d", random.nextInt(1000));
        return first17 + ResidentId.checkCharacter(first17);
    }

    @Test
    void residentIdNumbersAreCheckedAndMasked() {
        assertThat(ResidentId.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentId.isValid("11010519491231002x")).isTrue();
        assertThat(ResidentId.isValid("110105194912310021")).isFalse();
        assertThat(ResidentId.isValid("11010519491332002X"))
                .as("no 32nd of a 13th month")
                .isFalse();
        assertThat(ResidentId.mask("33020319900101123X")).isEqualTo("3302**********123X");
        assertThat(ResidentId.maskName("王海燕")).isEqualTo("王*燕");
        assertThat(ResidentId.maskName("李强")).isEqualTo("李*");
        assertThat(ResidentId.maskPhone("13805741234")).isEqualTo("138****1234");
    }

    @Test
    void noPlainIdNumberPhoneOrNameReachesTheDatabase() throws Exception {
        String id = residentId(new Random());
        String phone = "139" + String.format("%08d", new Random().nextInt(100_000_000));
        // The whole citizen flow, with the session (kept in the database) in between.
        var browser = new Browser(mvc);
        String page = browser.perform(MockMvcRequestBuilders.post("/code?lang=en")
                        .with(csrf())
                        .param("idNumber", id)
                        .param("name", "赵一鸣")
                        .param("phone", phone))
                .getContentAsString(StandardCharsets.UTF_8);
        Matcher demo = Pattern.compile("the code is (\\d{6})").matcher(page);
        assertThat(demo.find()).as("the demo shows the one-time code").isTrue();
        var verified = browser.perform(
                MockMvcRequestBuilders.post("/code/verify").with(csrf()).param("code", demo.group(1)));
        assertThat(verified.getRedirectedUrl()).isEqualTo("/code/me");
        browser.perform(MockMvcRequestBuilders.post("/code/declare")
                .with(csrf())
                .param("places", "330203")
                .param("symptoms", "NONE")
                .param("temperature", "36.6"));
        browser.perform(
                MockMvcRequestBuilders.post("/code/checkin").with(csrf()).param("temperature", "36.5"));
        var person = persons.findByIdNumber(id).orElseThrow();
        assertThat(person.maskedIdNumber()).isEqualTo(ResidentId.mask(id));
        lists.importEntries(actor("health"), "test", List.of(new HealthLists.Entry(id, "SUSPECTED", today())));
        codes.issue(person.id());
        // The citizen's page shows the colour's history, the listing's change to red on top.
        String me = browser.perform(MockMvcRequestBuilders.get("/code/me?lang=en"))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Jsoup.parse(me).select("[data-test=history] li").eachAttr("data-to"))
                .first()
                .isEqualTo("RED");

        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_type = 'BASE TABLE'")
                .query(String.class)
                .list();
        for (String table : tables) {
            long hits = jdbc.sql("select count(*) from \"" + table
                            + "\" t where t::text like ? or t::text like ? or t::text like ?")
                    .params("%" + id + "%", "%" + phone + "%", "%赵一鸣%")
                    .query(Long.class)
                    .single();
            assertThat(hits).as(table).isZero();
        }
        // Binary columns (the session's attributes among them) searched for the bytes themselves.
        var binary = jdbc.sql(
                        "select table_name, column_name from information_schema.columns where table_schema = 'public' "
                                + "and data_type = 'bytea'")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        assertThat(binary).extracting(c -> c[0]).contains("spring_session_attributes", "health_person");
        for (String[] column : binary) {
            for (String secret : List.of(id, phone, "赵一鸣")) {
                long hits = jdbc.sql("select count(*) from \"" + column[0]
                                + "\" where position(convert_to(?, 'UTF8') in \"" + column[1] + "\") > 0")
                        .param(secret)
                        .query(Long.class)
                        .single();
                assertThat(hits).as(column[0] + "." + column[1]).isZero();
            }
        }
        assertThat(tables).contains("health_person", "audit_event", "health_list_entry", "health_declaration");
    }

    @Test
    void aCodeVerifiesAndAChangedByteAnExpiredCodeAndAnUnknownKeyAreRefused() throws Exception {
        var person = persons.identify(residentId(new Random()), "钱小红", "13600001111");
        var code = codes.issue(person.id());
        var ok = codes.verify(code.token());
        assertThat(ok.valid()).isTrue();
        assertThat(ok.colour()).isEqualTo(CodeColour.GREEN);
        assertThat(ok.maskedName()).isEqualTo("钱*红");
        assertThat(codes.personOf(ok)).isEqualTo(person.id());

        // A changed byte in the payload or the signature.
        String[] parts = code.token().split("\\.");
        char[] payload = parts[1].toCharArray();
        payload[5] = payload[5] == 'A' ? 'B' : 'A';
        assertThat(codes.verify(parts[0] + "." + new String(payload) + "." + parts[2])
                        .valid())
                .isFalse();
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        assertThat(codes.verify(parts[0] + "." + parts[1] + "." + new String(signature))
                        .problem())
                .isEqualTo("SIGNATURE");

        // Expired: five minutes later it is refused.
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(codes.verify(code.token()).problem()).isEqualTo("EXPIRED");
        clock.reset();

        // Signed by a key the city never published, with its own id or borrowing the real one.
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("stranger").generate();
        assertThat(codes.verify(forge(stranger, "stranger", person.id())).problem())
                .isEqualTo("UNKNOWN_KEY");
        assertThat(codes.verify(forge(stranger, keys.current().getKeyID(), person.id()))
                        .problem())
                .isEqualTo("SIGNATURE");
        assertThat(codes.verify("not a code").problem()).isEqualTo("MALFORMED");
    }

    private static String forge(ECKey key, String kid, UUID person) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(kid)
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .claim("ref", person.toString())
                        .claim("c", "GREEN")
                        .claim("n", "x")
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(120)))
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    @Test
    void theNextKeyIsPublishedADayBeforeItSignsAndTheOldOneUntilItsCodesExpire() throws Exception {
        var person = persons.identify(residentId(new Random()), "孙立", "13700002222");
        var before = codes.issue(person.id());
        String oldKid = keys.current().getKeyID();
        // A gate that caches the key set now.
        JWKSet cached = keys.published();
        String nextKid = keys.rotate().getKeyID();
        // The next key is published at once, but the old one goes on signing for a day.
        assertThat(keys.published().getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, nextKid);
        assertThat(keys.current().getKeyID()).isEqualTo(oldKid);
        JWKSet cachedAfterRotation = keys.published();
        clock.advance(Duration.ofHours(23));
        assertThat(keys.current().getKeyID()).isEqualTo(oldKid);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(keys.current().getKeyID()).isEqualTo(nextKid);
        var after = codes.issue(person.id());
        // A gate holding the set it fetched after the rotation verifies the new codes offline.
        assertThat(HealthCodes.verify(after.token(), cachedAfterRotation, clock.instant())
                        .valid())
                .isTrue();
        // One that cached before the rotation does not know the key: why a day of pre-publication.
        assertThat(HealthCodes.verify(after.token(), cached, clock.instant()).problem())
                .isEqualTo("UNKNOWN_KEY");
        assertThat(codes.verify(after.token()).valid()).isTrue();
        assertThat(keys.published().getKeys()).extracting(k -> k.getKeyID()).contains(oldKid, nextKid);
        // Once every code of the old key has expired, it is no longer published.
        clock.advance(Duration.ofMinutes(7));
        assertThat(keys.published().getKeys()).extracting(k -> k.getKeyID()).doesNotContain(oldKid);
        // Refused for its key, gone from the set (not only for its expiry, which comes first in time).
        assertThat(codes.verify(before.token()).problem()).isEqualTo("UNKNOWN_KEY");
        assertThat(keys.published().getKeys()).allMatch(k -> !k.isPrivate());
        // The scheduled check makes the next key a day before the signing one is 30 days old, once.
        keys.rotateWhenDue();
        assertThat(keys.published().getKeys()).hasSize(1);
        clock.advance(Duration.ofDays(29).plusHours(1));
        keys.rotateWhenDue();
        keys.rotateWhenDue();
        assertThat(keys.published().getKeys()).hasSize(2);
        assertThat(keys.current().getKeyID()).isEqualTo(nextKid);
        clock.advance(Duration.ofDays(1));
        assertThat(keys.current().getKeyID()).isNotEqualTo(nextKid);
    }

    @Test
    void anIndependentJoseLibraryVerifiesACodeAgainstThePublishedKeys() throws Exception {
        var person = persons.identify(residentId(new Random()), "周敏", "13800003333");
        var code = codes.issue(person.id());
        String jwks =
                mvc.get().uri("/.well-known/jwks.json").exchange().getResponse().getContentAsString();
        assertThat(jwks).doesNotContain("\"d\"");
        var consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .build();
        JwtClaims claims = consumer.processToClaims(code.token());
        assertThat(claims.getStringClaimValue("c")).isEqualTo("GREEN");
        // Nothing in the code names the person the same way twice: no subject, a new reference each time.
        assertThat(claims.hasClaim("sub")).isFalse();
        JwtClaims again = consumer.processToClaims(codes.issue(person.id()).token());
        assertThat(again.getStringClaimValue("ref"))
                .isNotEqualTo(claims.getStringClaimValue("ref"))
                .doesNotContain(person.id().toString());
        assertThat(claims.getClaimsMap().values())
                .noneMatch(v -> String.valueOf(v).contains(person.id().toString()));
    }

    @Test
    void aGateVerifiesOfflineAndOnlineAndEachScanIsLoggedWithoutPersonalData() throws Exception {
        var person = persons.identify(residentId(new Random()), "吴刚", "13900004444");
        var code = codes.issue(person.id());
        String body = "{\"token\":\"" + code.token() + "\",\"gate\":\"gate-7\",\"online\":false}";
        var offline = mvc.post()
                .uri("/api/gate/verify")
                .with(httpBasic("gate", "demo"))
                .contentType("application/json")
                .content(body)
                .exchange()
                .getResponse();
        assertThat(offline.getContentAsString()).contains("\"valid\":true").contains("\"colour\":\"GREEN\"");
        // The gate reads no stable id of the person: neither the id nor the code's reference.
        assertThat(offline.getContentAsString())
                .doesNotContain(person.id().toString())
                .doesNotContain("personId")
                .doesNotContain("reference");
        // The colour changes after the code was shown: online says so, offline still reads the code.
        jdbc.sql("update health_status set colour = 'RED' where person_id = ?")
                .param(person.id())
                .update();
        var online = mvc.post()
                .uri("/api/gate/verify")
                .with(httpBasic("gate", "demo"))
                .contentType("application/json")
                .content(body.replace("\"online\":false", "\"online\":true"))
                .exchange()
                .getResponse();
        assertThat(online.getContentAsString()).contains("\"colour\":\"RED\"");
        scans.flush();
        assertThat(jdbc.sql("select count(*) from health_gate_scan where gate = 'gate-7' and person_id = ?")
                        .param(person.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(mvc.get()
                        .uri("/api/gate/counts")
                        .with(as("city"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("gate-7");
        assertThat(mvc.post()
                        .uri("/api/gate/verify")
                        .with(as("ent-haishu"))
                        .with(csrf())
                        .contentType("application/json")
                        .content(body))
                .hasStatus(403);
    }

    @Test
    void dataKeysRotate() {
        var old = new PersonalDataCipher(new HealthCodeProperties(
                Map.of("test-1", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="),
                "test-1",
                "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=",
                null,
                null,
                null,
                null,
                null,
                null));
        byte[] sealedWithOld = old.encrypt("33020319900101123X");
        assertThat(cipher.decrypt(sealedWithOld)).isEqualTo("33020319900101123X");
        assertThat(cipher.needsRotation(sealedWithOld)).isTrue();
        assertThat(cipher.needsRotation(cipher.encrypt("x"))).isFalse();
        assertThat(cipher.hash("id", "33020319900101123X")).isEqualTo(old.hash("id", "33020319900101123X"));
        // A person sealed with the old key is sealed again with the current one.
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into health_person (id, id_hash, id_cipher, phone_hash, phone_cipher, name_cipher, masked_name,
                                           created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, '郑*', now(), now())""")
                .params(
                        id,
                        old.hash("id", "key-rotation-" + id),
                        sealedWithOld,
                        old.hash("phone", "13000000000"),
                        old.encrypt("13000000000"),
                        old.encrypt("郑一"))
                .update();
        assertThat(persons.reseal()).isPositive();
        byte[] resealed = jdbc.sql("select id_cipher from health_person where id = ?")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(cipher.needsRotation(resealed)).isFalse();
        assertThat(cipher.decrypt(resealed)).isEqualTo("33020319900101123X");
    }
}

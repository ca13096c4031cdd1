package cn.onehall.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import cn.onehall.license.signing.Sm2;
import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;

/** Public verification: verdicts for honest and hostile input, offline checks, QR and PDF, counting and throttling. */
class VerificationTest extends LicenceTestBase {

    @Test
    void identifierAndCodeVerifyWithoutLoginAndAWrongCodeRevealsNothing() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String identifier = l.get("identifier").asString();
        HttpResponse<String> ok = anonymous("/api/licenses/public/verify?identifier=" + q(identifier) + "&code=" + l.get("verificationCode").asString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode result = json(ok);
        assertThat(result.get("verdict").asString()).isEqualTo("VALID");
        assertThat(result.get("valid").asBoolean()).isTrue();
        assertThat(result.get("licence").get("typeName").asString()).isEqualTo("食品经营许可证");
        assertThat(result.get("licence").has("data")).isFalse();

        HttpResponse<String> wrongCode = anonymous("/api/licenses/public/verify?identifier=" + q(identifier) + "&code=AAAAAAAA");
        assertThat(wrongCode.statusCode()).isEqualTo(404);
        String unknown = identifier.replace(".001.", ".002.");
        unknown = unknown.substring(0, unknown.length() - 1) + cn.onehall.starter.codes.Mod37_36.compute(
                unknown.substring("1.2.156.3005.2.".length(), unknown.length() - 2).replace(".", ""));
        HttpResponse<String> guessed = anonymous("/api/licenses/public/verify?identifier=" + q(unknown) + "&code=" + l.get("verificationCode").asString());
        assertThat(guessed.statusCode()).isEqualTo(404);
        assertThat(json(guessed).get("detail").asString()).isEqualTo(json(wrongCode).get("detail").asString());
        assertThat(anonymous("/api/licenses/public/verify?identifier=garbage&code=AAAAAAAA").statusCode()).isEqualTo(400);
        String badCheck = identifier.substring(0, identifier.length() - 1) + (identifier.endsWith("A") ? "B" : "A");
        assertThat(anonymous("/api/licenses/public/verify?identifier=" + q(badCheck) + "&code=AAAAAAAA").statusCode()).isEqualTo(400);
        assertThat(anonymous("/api/licenses/public/verify").statusCode()).isEqualTo(400);
    }

    @Test
    void aPersonsLicenceIsShownMaskedToVerifiers() {
        JsonNode idCard = json(api.get("/api/licenses/mine", "zhangsan")).get("items").valueStream()
                .filter(x -> x.get("typeCode").asString().equals(ID_CARD)).findFirst().orElseThrow();
        HttpResponse<String> r = anonymous("/api/licenses/public/verify?identifier=" + q(idCard.get("identifier").asString()) + "&code="
                + idCard.get("verificationCode").asString());
        assertThat(r.body()).doesNotContain(ZHANGSAN_ID).doesNotContain("张三").contains("440781********0029", "张*");
    }

    @Test
    void theQrPayloadVerifiesOnlineAndOfflineAndNoFlippedByteIsEverValid() throws Exception {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String payload = payloadOf(l);
        JsonNode online = json(anonymous("/api/licenses/public/verify?payload=" + q(payload)));
        assertThat(online.get("verdict").asString()).isEqualTo("VALID");

        // Offline: only the published keys are needed
        String[] parts = payload.split("\\.");
        JsonNode header = json(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        JsonNode key = json(anonymous("/api/licenses/public/keys")).get("keys").valueStream()
                .filter(k -> k.get("keyId").asString().equals(header.get("kid").asString())).findFirst().orElseThrow();
        assertThat(key.get("departmentCode").asString()).isEqualTo(claims.get("iss").asString());
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        assertThat(Sm2.verify(Base64.getDecoder().decode(key.get("publicKey").asString()), input, Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(claims.get("lid").asString()).isEqualTo(l.get("licenceId").asString());
        assertThat(claims.get("sts").asString()).endsWith("/api/licenses/public/status/" + l.get("licenceId").asString());

        // Every single-character change of the payload: a 400 or a not-valid verdict, never VALID
        Set<String> verdicts = new HashSet<>();
        int step = Math.max(1, payload.length() / 40);
        for (int i = 0; i < payload.length(); i += step) {
            char c = payload.charAt(i);
            String flipped = payload.substring(0, i) + (c == 'A' ? 'B' : 'A') + payload.substring(i + 1);
            HttpResponse<String> r = anonymous("/api/licenses/public/verify?payload=" + q(flipped));
            if (r.statusCode() == 200) {
                assertThat(json(r).get("valid").asBoolean()).as("flipped at %d: %s", i, r.body()).isFalse();
                verdicts.add(json(r).get("verdict").asString());
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                verdicts.add("400");
            }
        }
        assertThat(verdicts).doesNotContain("VALID").contains("SIGNATURE_INVALID");

        // A byte flipped inside the decoded claims (re-encoded properly): the signature no longer matches
        byte[] raw = Base64.getUrlDecoder().decode(parts[1]);
        raw[raw.length / 2] ^= 0x01;
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "." + parts[2];
        JsonNode r = json(anonymous("/api/licenses/public/verify?payload=" + q(altered)));
        assertThat(r.get("valid").asBoolean()).isFalse();
    }

    @Test
    void anUnknownKeyIdOrAForgedKeyIsNeverValid() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String[] parts = payloadOf(l).split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String otherKid = header.replaceAll("\"kid\":\"[^\"]+\"", "\"kid\":\"11440781MB2C00012D-deadbeef\"");
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(otherKid.getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        JsonNode unknown = json(anonymous("/api/licenses/public/verify?payload=" + q(token)));
        assertThat(unknown.get("verdict").asString()).isEqualTo("UNKNOWN_KEY");
        assertThat(unknown.get("valid").asBoolean()).isFalse();

        // Signed by an attacker's own SM2 key under the real key id
        Sm2.KeyPair attacker = Sm2.generate();
        String input = parts[0] + "." + parts[1];
        String forged = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(Sm2.sign(attacker.privateKey(), input.getBytes(StandardCharsets.US_ASCII)));
        assertThat(json(anonymous("/api/licenses/public/verify?payload=" + q(forged))).get("verdict").asString()).isEqualTo("SIGNATURE_INVALID");

        // Another department's real key does not vouch for this issuer's licence
        String policeKid = json(anonymous("/api/licenses/public/keys")).get("keys").valueStream()
                .filter(k -> k.get("departmentCode").asString().equals("11440781MB2C00055T")).findFirst().orElseThrow().get("keyId").asString();
        String h2 = header.replaceAll("\"kid\":\"[^\"]+\"", "\"kid\":\"" + policeKid + "\"");
        String t2 = Base64.getUrlEncoder().withoutPadding().encodeToString(h2.getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2];
        assertThat(json(anonymous("/api/licenses/public/verify?payload=" + q(t2))).get("valid").asBoolean()).isFalse();
    }

    @Test
    void aRevokedLicenceIsRevokedAtOnceOnlineWhateverItsPayloadSays() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String payload = payloadOf(l);
        String id = l.get("licenceId").asString();
        assertThat(post("/api/licenses/" + id + "/revoke", ADMIN, Map.of("reason", "许可被依法撤销")).statusCode()).isEqualTo(200);
        JsonNode r = json(anonymous("/api/licenses/public/verify?payload=" + q(payload)));
        assertThat(r.get("verdict").asString()).isEqualTo("REVOKED");
        assertThat(r.get("valid").asBoolean()).isFalse();
        assertThat(json(anonymous("/api/licenses/public/verify?identifier=" + q(l.get("identifier").asString()) + "&code="
                + l.get("verificationCode").asString())).get("verdict").asString()).isEqualTo("REVOKED");
        assertThat(json(anonymous("/api/licenses/public/status/" + id)).get("verdict").asString()).isEqualTo("REVOKED");
    }

    @Test
    void aRowChangedInTheDatabaseNoLongerVerifies() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        jdbc.sql("UPDATE licence SET valid_until = '2099-12-31' WHERE public_id = ?").param(l.get("licenceId").asString()).update();
        JsonNode r = json(anonymous("/api/licenses/public/verify?identifier=" + q(l.get("identifier").asString()) + "&code="
                + l.get("verificationCode").asString()));
        assertThat(r.get("verdict").asString()).isEqualTo("SIGNATURE_INVALID");
        assertThat(r.get("valid").asBoolean()).isFalse();
    }

    @Test
    void guessedPublicIdsAre404() {
        assertThat(anonymous("/api/licenses/public/status/abcdefghjkmnpqrstvwxyz0123").statusCode()).isEqualTo(404);
        assertThat(anonymous("/api/licenses/public/abcdefghjkmnpqrstvwxyz0123/qr.png").statusCode()).isEqualTo(404);
        assertThat(anonymous("/api/licenses/public/1/qr.svg").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/licenses/abcdefghjkmnpqrstvwxyz0123", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void qrCodesDecodeToTheVerificationAndThePdfCarriesIt() throws Exception {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String id = l.get("licenceId").asString();
        HttpResponse<byte[]> png = bytes("/api/licenses/public/" + id + "/qr.png", null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
        assertThat(text).contains("/api/licenses/public/verify?payload=");
        String payload = text.substring(text.indexOf("payload=") + "payload=".length());
        assertThat(json(anonymous("/api/licenses/public/verify?payload=" + q(payload))).get("verdict").asString()).isEqualTo("VALID");

        HttpResponse<byte[]> svg = bytes("/api/licenses/public/" + id + "/qr.svg", null);
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(new String(svg.body(), StandardCharsets.UTF_8)).contains("<svg", "<path");

        HttpResponse<byte[]> pdf = bytes("/api/licenses/" + id + "/licence.pdf", "taishan-foods");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(bytes("/api/licenses/" + id + "/licence.pdf", "zhangsan").statusCode()).isEqualTo(404);
        assertThat(bytes("/api/licenses/" + id + "/licence.pdf", null).statusCode()).isEqualTo(401);
    }

    @Test
    void verificationsAreCountedWithoutKeepingWhoVerified() {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String id = l.get("licenceId").asString();
        for (int i = 0; i < 3; i++) {
            anonymous("/api/licenses/public/status/" + id);
        }
        assertThat(json(api.get("/api/licenses/" + id, "taishan-foods")).get("verifications").asLong()).isEqualTo(3);
    }

    @Test
    void aVerificationFloodFromOneClientIs429() {
        String client = randomClient();
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 120; i++) {
            HttpResponse<String> r = api.call("GET", "/api/licenses/public/status/abcdefghjkmnpqrstvwxyz0123", null, null, Map.of("X-Forwarded-For", client));
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
                assertThat(json(r).get("code").asString()).isEqualTo("RATE_LIMITED");
            } else {
                ok++;
            }
        }
        assertThat(limited).isPositive();
        assertThat(ok).isLessThanOrEqualTo(100);
        // another client is not affected
        assertThat(anonymous("/api/licenses/public/status/abcdefghjkmnpqrstvwxyz0123").statusCode()).isEqualTo(404);
    }

    private String payloadOf(JsonNode l) {
        HttpResponse<String> r = api.get("/api/licenses/" + l.get("licenceId").asString() + "/qr-payload", ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("payload").asString();
    }

    private static JsonNode json(String s) {
        return cn.onehall.starter.testsupport.LocalApi.JSON.readTree(s);
    }

    private HttpResponse<byte[]> bytes(String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .header("X-Forwarded-For", randomClient());
        if (user != null) {
            b.header("Authorization", "Bearer " + Tokens.user(user));
        }
        return HttpClient.newHttpClient().send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

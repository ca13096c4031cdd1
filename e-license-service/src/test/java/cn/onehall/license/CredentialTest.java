package cn.onehall.license;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;

import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.Tokens;
import tools.jackson.databind.JsonNode;

/** W3C VC 2.0 export checked with standard JOSE tooling (Nimbus) and the Bitstring Status List algorithm. */
class CredentialTest extends LicenceTestBase {

    @Test
    void aHolderExportsAVerifiableCredentialWhoseRevocationShowsInTheStatusList() throws Exception {
        JsonNode l = issueFoodPermit(TAISHAN_FOODS, "台山美食有限公司");
        String id = l.get("licenceId").asString();
        HttpResponse<String> r = raw("/api/licenses/" + id + "/credential", "taishan-foods");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vc+jwt");
        JWSObject vc = JWSObject.parse(r.body());
        assertThat(vc.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(vc.getHeader().getType().getType()).isEqualTo("vc+jwt");
        JWKSet jwks = JWKSet.parse(raw("/api/licenses/public/jwks.json", null).body());
        ECKey key = (ECKey) jwks.getKeyByKeyId(vc.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(vc.verify(new ECDSAVerifier(key))).isTrue();

        JsonNode credential = LocalApi.JSON.readTree(vc.getPayload().toString());
        assertThat(credential.get("@context").get(0).asString()).isEqualTo("https://www.w3.org/ns/credentials/v2");
        assertThat(credential.get("type").toString()).contains("VerifiableCredential");
        assertThat(credential.get("credentialSubject").get("identifier").asString()).isEqualTo(l.get("identifier").asString());
        JsonNode status = credential.get("credentialStatus").get(0);
        assertThat(status.get("type").asString()).isEqualTo("BitstringStatusListEntry");
        assertThat(status.get("statusPurpose").asString()).isEqualTo("revocation");
        int index = Integer.parseInt(status.get("statusListIndex").asString());
        String listPath = URI.create(status.get("statusListCredential").asString()).getPath();

        assertThat(bit(listPath, index, jwks)).isFalse();
        post("/api/licenses/" + id + "/revoke", ADMIN, Map.of("reason", "吊销"));
        assertThat(bit(listPath, index, jwks)).isTrue();

        // Tampering with the credential breaks its signature
        String[] parts = r.body().split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        payload[payload.length / 2] ^= 0x01;
        JWSObject tampered = JWSObject.parse(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + parts[2]);
        assertThat(tampered.verify(new ECDSAVerifier(key))).isFalse();

        // Only the holder exports it
        assertThat(raw("/api/licenses/" + id + "/credential", "zhangsan").statusCode()).isEqualTo(404);
        assertThat(raw("/api/licenses/public/status-lists/11440781MB2C00012D/other", null).statusCode()).isEqualTo(404);
    }

    private boolean bit(String listPath, int index, JWKSet jwks) throws Exception {
        HttpResponse<String> r = raw(listPath, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JWSObject list = JWSObject.parse(r.body());
        assertThat(list.verify(new ECDSAVerifier((ECKey) jwks.getKeyByKeyId(list.getHeader().getKeyID())))).isTrue();
        JsonNode subject = LocalApi.JSON.readTree(list.getPayload().toString()).get("credentialSubject");
        assertThat(subject.get("type").asString()).isEqualTo("BitstringStatusList");
        String encoded = subject.get("encodedList").asString();
        assertThat(encoded).startsWith("u");
        byte[] bits = new GZIPInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded.substring(1)))).readAllBytes();
        assertThat(bits.length).isEqualTo(131072 / 8);
        return (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
    }

    private HttpResponse<String> raw(String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .header("X-Forwarded-For", randomClient());
        if (user != null) {
            b.header("Authorization", "Bearer " + Tokens.user(user));
        }
        return HttpClient.newHttpClient().send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

package cn.onehall.identity;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.onehall.identity.keycloak.KeycloakDirectory;
import cn.onehall.identity.verification.VerificationCodes;
import cn.onehall.starter.codes.CreditCode;
import cn.onehall.starter.codes.IdNumber;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.personaldata.PersonalDataCipher;
import cn.onehall.starter.testsupport.HallEnv;
import cn.onehall.starter.testsupport.LocalApi;
import cn.onehall.starter.testsupport.TestSchema;
import tools.jackson.databind.JsonNode;

/**
 * The real MariaDB (fresh schema), Redis and Keycloak; every Keycloak user a test registers is deleted afterwards.
 * Generated ID numbers, credit codes and phones keep runs (and engineers) apart on the shared Keycloak.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IdentityTestSupport {

    public static final String PASSWORD = "Reg#" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private static final Set<String> CREATED_USERNAMES = ConcurrentHashMap.newKeySet();
    private static final Pattern CODE = Pattern.compile("(\\d{6})");

    @Autowired
    protected Environment environment;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected KeycloakDirectory keycloak;
    @Autowired
    protected PersonalDataCipher cipher;
    @Autowired
    protected BlindIndex index;

    private static KeycloakDirectory cleaner;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestSchema.register(registry, "identity-service");
        registry.add("onehall.client-secret", () -> HallEnv.get("ONEHALL_IDENTITY_CLIENT_SECRET", ""));
    }

    protected LocalApi api() {
        if (cleaner == null) {
            cleaner = keycloak;
        }
        return new LocalApi(environment);
    }

    @AfterAll
    static void deleteCreatedKeycloakUsers() {
        if (cleaner == null) {
            return;
        }
        for (String username : List.copyOf(CREATED_USERNAMES)) {
            cleaner.idByUsername(username).ifPresent(cleaner::delete);
            CREATED_USERNAMES.remove(username);
        }
    }

    /** Marks a username (ID number or credit code, lower case) for deletion from Keycloak after the class. */
    protected static void willCreate(String username) {
        CREATED_USERNAMES.add(username.toLowerCase(java.util.Locale.ROOT));
    }

    /** A valid ID number of Taishan nobody else uses. */
    public static String newIdNumber() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(365 * 50));
        String first17 = "440781" + birth.toString().replace("-", "") + "%03d".formatted(r.nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** A valid credit code of a Taishan company (登记管理部门 9, 类别 1). */
    public static String newCreditCode() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder org = new StringBuilder();
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 9; i++) {
            org.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        String first17 = "91440781" + org;
        return first17 + CreditCode.checkCharacter(first17);
    }

    public static String newPhone() {
        return "139" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /** Each test its own client address, so the per-address limits of one test do not spend another's. */
    public static Map<String, String> fromAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Map.of("X-Forwarded-For", "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255));
    }

    protected HttpResponse<String> requestCode(String phone, Map<String, String> headers) {
        return api().call("POST", "/api/identity/verification-codes", null, Map.of("phone", phone, "purpose", "REGISTRATION"), headers);
    }

    /** The newest code the outbox sender holds for this phone, decrypted as a delivery worker would. */
    protected String lastCodeSentTo(String phone) {
        String body = jdbc.sql("SELECT body_enc FROM code_outbox WHERE recipient_index = ? ORDER BY id DESC LIMIT 1")
                .param(index.of(phone, VerificationCodes.PHONE_PURPOSE)).query(String.class).single();
        Matcher m = CODE.matcher(cipher.decrypt(body, "code_outbox.body"));
        if (!m.find()) {
            throw new AssertionError("no code in the message");
        }
        return m.group(1);
    }

    protected Map<String, Object> personForm(String name, String idNumber, String phone, String code) {
        return Map.of("name", name, "idNumber", idNumber, "phone", phone, "verificationCode", code, "password", PASSWORD);
    }

    /** Registers a new person end to end; returns the response body. */
    protected JsonNode registerPerson(String name, String idNumber) {
        Map<String, String> from = fromAddress();
        String phone = newPhone();
        requestCode(phone, from);
        willCreate(idNumber);
        HttpResponse<String> r = api().call("POST", "/api/identity/persons", null, personForm(name, idNumber, phone, lastCodeSentTo(phone)), from);
        if (r.statusCode() != 201) {
            throw new AssertionError("registration failed: " + r.statusCode() + " " + r.body());
        }
        return LocalApi.json(r);
    }

    protected static JsonNode json(HttpResponse<String> r) {
        return LocalApi.json(r);
    }

    /** A password-grant token of a registered user through the dev realm's onehall-dev client. */
    public static String tokenOf(String username, String password) {
        String form = "grant_type=password&client_id=onehall-dev&scope=openid&username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(HallEnv.issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("no token for " + username + ": " + r.statusCode() + " " + r.body());
            }
            return LocalApi.JSON.readTree(r.body()).get("access_token").asString();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a JWT, read without checking it (the service under test checks it). */
    public static JsonNode claims(String token) {
        return LocalApi.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Calls the service with a raw bearer token. */
    protected HttpResponse<String> callWithToken(String method, String path, String token, Object body) {
        Map<String, String> headers = new java.util.HashMap<>(fromAddress());
        headers.put("Authorization", "Bearer " + token);
        return api().call(method, path, null, body, headers);
    }

    /** Password grant answer with access and refresh token. */
    public static JsonNode loginOf(String username, String password) {
        return tokenRequest("grant_type=password&client_id=onehall-dev&scope=openid&username=" + enc(username) + "&password=" + enc(password));
    }

    /** A real token refresh: the new access token carries the user's attributes as Keycloak holds them now. */
    public static JsonNode refresh(JsonNode login) {
        return tokenRequest("grant_type=refresh_token&client_id=onehall-dev&refresh_token=" + enc(login.get("refresh_token").asString()));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonNode tokenRequest(String form) {
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(HallEnv.issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("token endpoint said " + r.statusCode() + " " + r.body());
            }
            return LocalApi.JSON.readTree(r.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}

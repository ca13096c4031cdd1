package cn.onehall.k8s;

import static cn.onehall.k8s.Yamls.at;
import static cn.onehall.k8s.Yamls.list;
import static cn.onehall.k8s.Yamls.map;
import static cn.onehall.k8s.Yamls.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay, rendered as a cluster would get it, obeys the invariants; no cluster needed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverlaysTest {

    private static final List<String> SERVICES = List.of("gateway", "catalog-service", "application-service",
            "e-license-service", "identity-service", "supervision-service");
    private final Path repo = Rendered.repository();
    private Map<String, Rendered> overlays;

    @BeforeAll
    void render() {
        overlays = Stream.of("dev", "prod").collect(Collectors.toMap(o -> o, Rendered::of));
    }

    private Invariants invariants(String overlay) throws IOException {
        // prod's Secret comes from the platform's secret store; its keys are the documented example's.
        Map<String, Set<String>> external = overlay.equals("prod")
                ? Map.of("onehall-secrets", envKeys(repo.resolve("k8s/overlays/prod/secrets.env.example")))
                : Map.of();
        return new Invariants(overlays.get(overlay).objects(), external);
    }

    private static Set<String> envKeys(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && l.contains("="))
                .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyOverlayKeepsTheInvariants(String overlay) throws IOException {
        Invariants check = invariants(overlay);
        assertThat(check.workloadsAreHardened()).as("hardening").isEmpty();
        assertThat(check.referencedConfigExists()).as("config and secrets").isEmpty();
        assertThat(check.servicesMatchPods()).as("services").isEmpty();
        assertThat(check.imagesArePinned()).as("images").isEmpty();
        assertThat(check.noSecretLiterals()).as("secret literals").isEmpty();
        assertThat(check.everyServiceIsComplete()).as("completeness").isEmpty();
        assertThat(check.httpPorts()).containsOnlyKeys(SERVICES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void containerPortsAreTheServicesOwn(String overlay) throws IOException {
        Map<String, Integer> ports = invariants(overlay).httpPorts();
        for (String service : SERVICES) {
            assertThat(ports.get(service)).as(service).isEqualTo(configuredPort(service));
        }
    }

    private int configuredPort(String service) throws IOException {
        Map<String, Object> yaml = Rendered.parse(Files.readString(repo.resolve(service + "/src/main/resources/application.yml"))).getFirst();
        Object port = yaml.containsKey("server.port") ? yaml.get("server.port") : at(yaml, "server", "port");
        return (Integer) port;
    }

    @Test
    void devImportsTheRealmFileThatHallUpUses() throws IOException {
        Map<String, Object> realm = overlays.get("dev").ofKind("ConfigMap").stream()
                .filter(c -> string(c, "metadata", "name").startsWith("keycloak-realm")).findFirst().orElseThrow();
        assertThat(string(realm, "data", "onehall-realm.json"))
                .isEqualTo(Files.readString(repo.resolve("infra/keycloak/onehall-realm.json"), StandardCharsets.UTF_8));
        Map<String, Object> keycloak = overlays.get("dev").find("Deployment", "keycloak").orElseThrow();
        assertThat(list(keycloak, "spec", "template", "spec", "containers").getFirst().toString()).contains("--import-realm");
    }

    @Test
    void devSecretsAreTheOnesHallGenerated() throws IOException {
        Map<String, Object> secret = overlays.get("dev").ofKind("Secret").stream()
                .filter(s -> string(s, "metadata", "name").startsWith("onehall-secrets")).findFirst().orElseThrow();
        Path hallSecrets = repo.resolve(".hall/secrets.env");
        assertThat(map(secret, "data").keySet()).isEqualTo(envKeys(hallSecrets));
        // The documented prod keys are all among them: dev and prod read the same names.
        assertThat(map(secret, "data").keySet()).containsAll(envKeys(repo.resolve("k8s/overlays/prod/secrets.env.example")));
        String anyValue = new String(Base64.getDecoder().decode(String.valueOf(map(secret, "data").values().iterator().next())));
        assertThat(anyValue).isNotBlank();
    }

    @Test
    void prodRunsAtLeastTwoOfEverythingSpreadBehindTls() {
        Rendered prod = overlays.get("prod");
        for (Map<String, Object> deployment : prod.ofKind("Deployment")) {
            assertThat((Integer) at(deployment, "spec", "replicas")).as(string(deployment, "metadata", "name")).isGreaterThanOrEqualTo(2);
            assertThat(list(deployment, "spec", "template", "spec", "topologySpreadConstraints")).isNotEmpty();
        }
        for (Map<String, Object> hpa : prod.ofKind("HorizontalPodAutoscaler")) {
            assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
        }
        Map<String, Object> ingress = prod.ofKind("Ingress").getFirst();
        assertThat(list(ingress, "spec", "tls")).isNotEmpty();
        assertThat(prod.ofKind("ServiceMonitor")).hasSize(1);
        assertThat(prod.ofKind("StatefulSet", "Secret")).as("no database, cache or secret inside prod").isEmpty();
        assertThat(string(prod.find("ConfigMap", "onehall-common").orElseThrow(), "data", "ONEHALL_ISSUER")).startsWith("https://");
    }

    @Test
    void noSecretValueIsWrittenInAnyManifest() throws IOException {
        List<String> values = Files.readAllLines(repo.resolve(".hall/secrets.env")).stream()
                .filter(l -> l.contains("=")).map(l -> l.substring(l.indexOf('=') + 1)).filter(v -> v.length() >= 8).toList();
        assertThat(values).isNotEmpty();
        try (Stream<Path> files = Files.walk(repo.resolve("k8s"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/")).toList()) {
                String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String value : values) assertThat(text).as(file.toString()).doesNotContain(value);
                if (file.toString().endsWith(".yaml")) {
                    for (Map<String, Object> object : Rendered.parse(Files.readString(file, StandardCharsets.UTF_8))) {
                        assertThat(object.get("kind")).as(file + " writes a Secret").isNotEqualTo("Secret");
                    }
                }
            }
        }
    }

    @Test
    void theChecksFindWhatIsWrong() {
        List<Map<String, Object>> broken = Rendered.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: careless }
                spec:
                  template:
                    metadata: { labels: { app.kubernetes.io/name: careless, onehall.cn/tier: service } }
                    spec:
                      containers:
                        - name: app
                          image: onehall/careless:latest
                          ports: [{ name: http, containerPort: 8081 }]
                          envFrom: [{ configMapRef: { name: missing-config } }]
                          env:
                            - { name: DB_PASSWORD, value: hunter22 }
                            - { name: X, valueFrom: { secretKeyRef: { name: missing-secret, key: K } } }
                      volumes: [{ name: data, persistentVolumeClaim: { claimName: missing-claim } }]
                ---
                apiVersion: v1
                kind: Service
                metadata: { name: careless }
                spec:
                  selector: { app.kubernetes.io/name: someone-else }
                  ports: [{ port: 80, targetPort: http }]
                """);
        Invariants check = new Invariants(broken, Map.of());
        assertThat(String.join("\n", check.workloadsAreHardened())).contains("no readinessProbe", "no livenessProbe",
                "no limits.memory", "not runAsNonRoot", "capabilities not dropped", "root filesystem not read-only");
        assertThat(check.referencedConfigExists()).anyMatch(v -> v.contains("missing-config")).anyMatch(v -> v.contains("missing-secret"))
                .anyMatch(v -> v.contains("missing-claim"));
        assertThat(check.servicesMatchPods()).anyMatch(v -> v.contains("matches no pods"));
        assertThat(check.imagesArePinned()).hasSize(1);
        assertThat(check.noSecretLiterals()).anyMatch(v -> v.contains("DB_PASSWORD"));
        assertThat(String.join("\n", check.everyServiceIsComplete())).contains("no HorizontalPodAutoscaler",
                "no PodDisruptionBudget", "no ingress NetworkPolicy", "no default-deny");
    }
}

package cn.onehall.k8s;

import static cn.onehall.k8s.Yamls.at;
import static cn.onehall.k8s.Yamls.list;
import static cn.onehall.k8s.Yamls.map;
import static cn.onehall.k8s.Yamls.string;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every rendered overlay obeys. Each check returns the violations it found (empty: none), so a test
 * can show them all at once and the checks themselves can be tested on a broken manifest.
 */
final class Invariants {

    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");
    private static final Pattern PINNED = Pattern.compile(".+(:[\\w][\\w.-]*|@sha256:[0-9a-f]{64})$");
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(SECRET|PASSWORD|TOKEN|_KEY|INDEXKEY|KEYS_\\w+)$", Pattern.CASE_INSENSITIVE); // ACTIVEKEY is a key id, no secret

    private final List<Map<String, Object>> objects;
    /** Secrets the platform provides outside the manifests (prod): name → keys. */
    private final Map<String, Set<String>> externalSecrets;

    Invariants(List<Map<String, Object>> objects, Map<String, Set<String>> externalSecrets) {
        this.objects = objects;
        this.externalSecrets = externalSecrets;
    }

    private List<Map<String, Object>> ofKind(Set<String> kinds) {
        return objects.stream().filter(o -> kinds.contains(String.valueOf(o.get("kind")))).toList();
    }

    private static String name(Map<String, Object> object) {
        return object.get("kind") + "/" + string(object, "metadata", "name");
    }

    private static boolean onehall(Map<String, Object> workload) {
        String tier = string(workload, "spec", "template", "metadata", "labels", "onehall.cn/tier");
        return "service".equals(tier) || "edge".equals(tier);
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String field : List.of("containers", "initContainers")) {
            for (Object c : list(workload, "spec", "template", "spec", field)) {
                all.add(map(c));
            }
        }
        return all;
    }

    /** Probes, requests and limits, non-root, no privilege escalation, no capabilities; read-only root for ours. */
    List<String> workloadsAreHardened() {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> w : ofKind(WORKLOADS)) {
            Map<String, Object> pod = map(w, "spec", "template", "spec");
            for (Map<String, Object> c : containers(w)) {
                String where = name(w) + " container " + c.get("name");
                if (at(c, "readinessProbe") == null) violations.add(where + ": no readinessProbe");
                if (at(c, "livenessProbe") == null) violations.add(where + ": no livenessProbe");
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (at(c, "resources", kind, resource) == null) violations.add(where + ": no " + kind + "." + resource);
                    }
                }
                Object nonRoot = Objects.requireNonNullElse(at(c, "securityContext", "runAsNonRoot"),
                        Objects.requireNonNullElse(at(pod, "securityContext", "runAsNonRoot"), false));
                if (!Boolean.TRUE.equals(nonRoot)) violations.add(where + ": not runAsNonRoot");
                if (!Boolean.FALSE.equals(at(c, "securityContext", "allowPrivilegeEscalation"))) {
                    violations.add(where + ": allowPrivilegeEscalation not false");
                }
                if (!list(c, "securityContext", "capabilities", "drop").contains("ALL")) {
                    violations.add(where + ": capabilities not dropped");
                }
                if (onehall(w) && !Boolean.TRUE.equals(at(c, "securityContext", "readOnlyRootFilesystem"))) {
                    violations.add(where + ": root filesystem not read-only");
                }
            }
        }
        return violations;
    }

    /** Every ConfigMap, Secret (and key) and volume claim a pod names exists in the render or the platform. */
    List<String> referencedConfigExists() {
        Map<String, Set<String>> configMaps = new HashMap<>();
        Map<String, Set<String>> secrets = new HashMap<>(externalSecrets);
        for (Map<String, Object> o : objects) {
            Set<String> keys = new HashSet<>(map(o, "data").keySet());
            keys.addAll(map(o, "stringData").keySet());
            keys.addAll(map(o, "binaryData").keySet());
            if ("ConfigMap".equals(o.get("kind"))) configMaps.put(string(o, "metadata", "name"), keys);
            if ("Secret".equals(o.get("kind"))) secrets.put(string(o, "metadata", "name"), keys);
        }
        Map<String, Set<String>> claims = new HashMap<>();
        ofKind(Set.of("PersistentVolumeClaim")).forEach(pvc -> claims.put(string(pvc, "metadata", "name"), Set.of()));
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> w : ofKind(WORKLOADS)) {
            for (Map<String, Object> c : containers(w)) {
                String where = name(w) + " container " + c.get("name");
                for (Object from : list(c, "envFrom")) {
                    require(configMaps, string(from, "configMapRef", "name"), null, where, "ConfigMap", violations);
                    require(secrets, string(from, "secretRef", "name"), null, where, "Secret", violations);
                }
                for (Object env : list(c, "env")) {
                    require(configMaps, string(env, "valueFrom", "configMapKeyRef", "name"),
                            string(env, "valueFrom", "configMapKeyRef", "key"), where, "ConfigMap", violations);
                    require(secrets, string(env, "valueFrom", "secretKeyRef", "name"),
                            string(env, "valueFrom", "secretKeyRef", "key"), where, "Secret", violations);
                }
            }
            for (Object volume : list(w, "spec", "template", "spec", "volumes")) {
                require(configMaps, string(volume, "configMap", "name"), null, name(w), "ConfigMap", violations);
                require(secrets, string(volume, "secret", "secretName"), null, name(w), "Secret", violations);
                require(claims, string(volume, "persistentVolumeClaim", "claimName"), null, name(w), "PersistentVolumeClaim", violations);
            }
        }
        return violations;
    }

    private static void require(Map<String, Set<String>> known, String name, String key, String where, String kind,
            List<String> violations) {
        if (name == null) return;
        if (!known.containsKey(name)) violations.add(where + ": " + kind + " " + name + " does not exist");
        else if (key != null && !known.get(name).contains(key)) violations.add(where + ": " + kind + " " + name + " has no key " + key);
    }

    /** Each Service selects some pods and targets ports those pods declare. */
    List<String> servicesMatchPods() {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> service : ofKind(Set.of("Service"))) {
            Map<String, Object> selector = map(service, "spec", "selector");
            List<Map<String, Object>> pods = ofKind(WORKLOADS).stream()
                    .filter(w -> map(w, "spec", "template", "metadata", "labels").entrySet().containsAll(selector.entrySet()))
                    .toList();
            if (selector.isEmpty() || pods.isEmpty()) {
                violations.add(name(service) + ": selector " + selector + " matches no pods");
                continue;
            }
            Set<String> ports = new HashSet<>();
            for (Map<String, Object> pod : pods) {
                for (Map<String, Object> c : containers(pod)) {
                    for (Object p : list(c, "ports")) {
                        ports.add(string(p, "name"));
                        ports.add(string(p, "containerPort"));
                    }
                }
            }
            for (Object port : list(service, "spec", "ports")) {
                String target = Objects.requireNonNullElse(string(port, "targetPort"), string(port, "port"));
                if (!ports.contains(target)) violations.add(name(service) + ": targetPort " + target + " not declared by its pods");
            }
        }
        return violations;
    }

    /** No image floats: every image names a tag other than latest, or a digest. */
    List<String> imagesArePinned() {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> w : ofKind(WORKLOADS)) {
            for (Map<String, Object> c : containers(w)) {
                String image = string(c, "image");
                if (image == null || !PINNED.matcher(image).matches() || image.endsWith(":latest")) {
                    violations.add(name(w) + ": image " + image + " is not pinned");
                }
            }
        }
        return violations;
    }

    /** Secret-looking variables come from Secrets, never from a literal value in a manifest. */
    List<String> noSecretLiterals() {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> w : ofKind(WORKLOADS)) {
            for (Map<String, Object> c : containers(w)) {
                for (Object env : list(c, "env")) {
                    String variable = string(env, "name");
                    if (variable != null && SECRET_NAME.matcher(variable).matches() && at(env, "value") != null
                            && !"1".equals(string(env, "value"))) {
                        violations.add(name(w) + ": " + variable + " is a literal value");
                    }
                }
            }
        }
        for (Map<String, Object> configMap : ofKind(Set.of("ConfigMap"))) {
            for (String key : map(configMap, "data").keySet()) {
                if (SECRET_NAME.matcher(key).matches()) violations.add(name(configMap) + ": " + key + " belongs in a Secret");
            }
        }
        return violations;
    }

    /** Every OneHall Deployment has its ServiceAccount, Service, HPA, PDB and ingress NetworkPolicy. */
    List<String> everyServiceIsComplete() {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> w : ofKind(Set.of("Deployment"))) {
            if (!onehall(w)) continue;
            String service = string(w, "metadata", "name");
            for (String kind : List.of("ServiceAccount", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget")) {
                boolean present = objects.stream().anyMatch(o -> kind.equals(o.get("kind")) && service.equals(string(o, "metadata", "name")));
                if (!present) violations.add(name(w) + ": no " + kind);
            }
            boolean guarded = ofKind(Set.of("NetworkPolicy")).stream().anyMatch(p ->
                    list(p, "spec", "policyTypes").contains("Ingress")
                    && service.equals(string(p, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name")));
            if (!guarded) violations.add(name(w) + ": no ingress NetworkPolicy of its own");
            if (!service.equals(string(w, "spec", "template", "spec", "serviceAccountName"))) {
                violations.add(name(w) + ": does not run as its own ServiceAccount");
            }
        }
        boolean denyByDefault = ofKind(Set.of("NetworkPolicy")).stream().anyMatch(p ->
                map(p, "spec", "podSelector").isEmpty() && list(p, "spec", "policyTypes").containsAll(List.of("Ingress", "Egress")));
        if (!denyByDefault) violations.add("no default-deny NetworkPolicy");
        return violations;
    }

    /** The container port named http of each OneHall Deployment, by Deployment name. */
    Map<String, Integer> httpPorts() {
        Map<String, Integer> ports = new HashMap<>();
        for (Map<String, Object> w : ofKind(Set.of("Deployment"))) {
            if (!onehall(w)) continue;
            for (Map<String, Object> c : containers(w)) {
                for (Object p : list(c, "ports")) {
                    if ("http".equals(string(p, "name"))) ports.put(string(w, "metadata", "name"), (Integer) at(p, "containerPort"));
                }
            }
        }
        return ports;
    }
}

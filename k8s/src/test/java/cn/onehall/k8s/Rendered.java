package cn.onehall.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** One overlay rendered by {@code kubectl kustomize}, as the cluster would receive it. */
record Rendered(String overlay, List<Map<String, Object>> objects) {

    static Path repository() {
        String root = System.getenv("ONEHALL_REPO");
        Path path = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isRegularFile(path.resolve("hall"))) {
            throw new IllegalStateException("cannot find the repository root (the folder holding ./hall) from " + path);
        }
        return path;
    }

    /** The kubectl that ./hall provides (ONEHALL_KUBECTL), else the one on PATH. */
    static String kubectl() {
        return Optional.ofNullable(System.getenv("ONEHALL_KUBECTL")).filter(s -> !s.isBlank()).orElse("kubectl");
    }

    static Rendered of(String overlay) {
        Path dir = repository().resolve("k8s/overlays").resolve(overlay);
        try {
            Path out = Files.createTempFile("onehall-" + overlay, ".yaml");
            Path err = Files.createTempFile("onehall-" + overlay, ".err");
            // The dev overlay takes the realm and ./hall's secrets from outside its folder (see its kustomization).
            Process process = new ProcessBuilder(kubectl(), "kustomize", "--load-restrictor", "LoadRestrictionsNone",
                    dir.toString()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed: " + Files.readString(err));
            }
            return new Rendered(overlay, parse(Files.readString(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + kubectl() + " (./hall test provides one; or set ONEHALL_KUBECTL)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20 * 1024 * 1024);
        for (Object document : new Yaml(new SafeConstructor(options)).loadAll(yaml)) {
            if (document instanceof Map<?, ?> map) {
                objects.add((Map<String, Object>) map);
            }
        }
        return objects;
    }

    List<Map<String, Object>> ofKind(String... kinds) {
        List<String> wanted = List.of(kinds);
        return objects.stream().filter(o -> wanted.contains(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(Yamls.at(o, "metadata", "name"))).findFirst();
    }
}

package io.winback.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Renders a kustomization with {@code kubectl kustomize} (offline) and parses what it prints. */
final class Kustomize {

  static final List<String> OVERLAYS = List.of("dev", "prod");

  private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

  private Kustomize() {}

  static Manifests overlay(String name) {
    return render("deploy/k8s/overlays/" + name);
  }

  static Manifests render(String dir) {
    return RENDERED.computeIfAbsent(dir, Kustomize::run);
  }

  private static Manifests run(String dir) {
    Path path = Repo.path(dir);
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException("no kustomization at " + path);
    }
    String kubectl = kubectl();
    ProcessBuilder builder = new ProcessBuilder(kubectl, "kustomize", path.toString())
        .directory(Repo.ROOT.toFile());
    Path errors;
    try {
      errors = Files.createTempFile("kustomize-", ".err");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    builder.redirectError(errors.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not run '" + kubectl + " kustomize': " + e.getMessage()
          + ". The deployment tests need kubectl (1.27 or newer, with built-in kustomize) on the PATH"
          + " or in $KUBECTL.", e);
    }
    try {
      String stdout = drain(process.getInputStream()); // until kubectl closes it, i.e. exits
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl kustomize " + dir + " did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue()
            + "):\n" + Files.readString(errors));
      }
      return new Manifests(dir, parse(stdout));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering " + dir, e);
    } finally {
      try {
        Files.deleteIfExists(errors);
      } catch (IOException ignored) {
        // a temporary file
      }
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** kubectl from $KUBECTL, else the first one on the PATH; a clear failure when there is none. */
  static String kubectl() {
    String configured = System.getenv("KUBECTL");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    String pathVariable = System.getenv().getOrDefault("PATH", "");
    for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, "kubectl");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException("kubectl is not installed (not on the PATH, $KUBECTL unset): the"
        + " deployment tests render deploy/k8s/overlays/* with 'kubectl kustomize'. Install kubectl 1.27+"
        + " (its built-in kustomize works offline) and run the tests again.");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yaml) {
    Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : parser.loadAll(yaml)) {
      if (document instanceof Map<?, ?> map) {
        documents.add((Map<String, Object>) map);
      }
    }
    return documents;
  }

  private static String drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

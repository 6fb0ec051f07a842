package io.winback.cli.privacy;

import io.winback.cli.CommandFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the processor and the desk answer, and who asks: a user with the role DATA_PROTECTION,
 * by HTTP basic (the embedded setup's local users, e.g. {@code dpo}) or by a bearer token from the
 * identity provider (production).
 */
public class ServiceOptions {

  public static final String DEFAULT_PROCESSOR = "http://localhost:8081";
  public static final String DEFAULT_DESK = "http://localhost:8080";

  @Option(names = "--processor-url", paramLabel = "URL", defaultValue = DEFAULT_PROCESSOR,
      description = "The churn processor (default: ${DEFAULT-VALUE})")
  String processorUrl;

  @Option(names = "--desk-url", paramLabel = "URL", defaultValue = DEFAULT_DESK,
      description = "The outreach desk (default: ${DEFAULT-VALUE})")
  String deskUrl;

  @Option(names = "--user", paramLabel = "NAME",
      description = "A user with the role DATA_PROTECTION, by HTTP basic (the embedded setup has 'dpo')")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", defaultValue = "${env:WINBACK_PASSWORD}",
      description = "That user's password (default: $WINBACK_PASSWORD)")
  String password;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:WINBACK_TOKEN}",
      description = "A bearer token with the role DATA_PROTECTION, instead of --user (default: $WINBACK_TOKEN)")
  String token;

  public String processorUrl() {
    return trimmed(processorUrl);
  }

  public String deskUrl() {
    return trimmed(deskUrl);
  }

  /** The Authorization header, if any; a user without a password is a usage error. */
  public Optional<String> authorization() {
    if (user != null && !user.isBlank()) {
      if (password == null) {
        throw new CommandFailure("--user " + user + " needs --password (or $WINBACK_PASSWORD)", 2);
      }
      return Optional.of("Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8)));
    }
    if (token != null && !token.isBlank()) {
      return Optional.of("Bearer " + token.strip());
    }
    return Optional.empty();
  }

  private static String trimmed(String url) {
    String stripped = url.strip();
    return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
  }
}

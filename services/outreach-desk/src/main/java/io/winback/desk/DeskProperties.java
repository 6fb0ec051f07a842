package io.winback.desk;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The desk's settings (winback.desk.*).
 *
 * @param mailFrom the sender of every email
 * @param sendInterval how often due emails are looked for
 * @param retryInitial first wait after a temporary SMTP failure; doubles up to {@code retryMax}
 * @param retryMax longest wait between two attempts
 * @param maxTextLength the longest free text an agent may record
 * @param users who may log in; the embedded setup has demo users (see application.yml)
 */
@ConfigurationProperties("winback.desk")
public record DeskProperties(
    @DefaultValue("Winback Kundenservice <kundenservice@winback.example>") String mailFrom,
    @DefaultValue("2s") Duration sendInterval,
    @DefaultValue("2s") Duration retryInitial,
    @DefaultValue("5m") Duration retryMax,
    @DefaultValue("2000") int maxTextLength,
    List<User> users) {

  public DeskProperties {
    users = users == null ? List.of() : List.copyOf(users);
  }

  /**
   * A person who uses the worklist; password as a Spring Security encoded value, e.g. {noop}... or
   * {bcrypt}...; {@code accountManagerId} is the CRM's id of this person as an account manager, so
   * the in-person tasks the processor assigns to that id show in their worklist.
   */
  public record User(String username, String password, String displayName, List<String> roles,
      String accountManagerId) {}

  /** The CRM account-manager id of this user, if they are one. */
  public String accountManagerIdOf(String username) {
    return users.stream().filter(user -> user.username().equals(username)).map(User::accountManagerId)
        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }
}

package io.winback.desk.people;

import io.winback.desk.db.Timestamps;
import io.winback.security.Logins;
import io.winback.security.Roles;
import io.winback.security.SecuritySettings;
import io.winback.security.WinbackUser;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * The people who work at the desk (table person), as their logins introduce them: the identity
 * provider knows them, the desk learns their names and roles when they log in. The embedded
 * setup's local users are known from the start. Used for names on the pages and the reassign list.
 */
@Component
public class People {

  private final JdbcClient db;
  private final SecuritySettings settings;
  private final Clock clock;

  public People(JdbcClient db, SecuritySettings settings, Logins logins, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.clock = clock;
    if (logins.embedded()) {
      for (SecuritySettings.LocalUser user : settings.localUsers()) {
        remember(new WinbackUser(user.username(), user.displayName() == null ? user.username() : user.displayName(),
            Set.copyOf(user.roles()), user.accountManagerId()));
      }
    }
  }

  /** Someone logged in (a page, the API): their name and roles as the login says now. */
  @EventListener
  void loggedIn(AuthenticationSuccessEvent event) {
    remember(WinbackUser.of(event.getAuthentication(), settings));
  }

  void remember(WinbackUser user) {
    db.sql("""
        INSERT INTO person (username, display_name, account_manager_id, roles, last_seen_at)
        VALUES (:username, :name, :am, :roles, :now)
        ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
          account_manager_id = EXCLUDED.account_manager_id, roles = EXCLUDED.roles, last_seen_at = EXCLUDED.last_seen_at
        """).param("username", user.username()).param("name", user.displayName())
        .param("am", user.accountManagerId()).param("roles", String.join(",", user.roles().stream().sorted().toList()))
        .param("now", Timestamps.of(clock.instant())).update();
  }

  /** Retention: up to {@code limit} people who have not logged in since {@code before} are forgotten. */
  public int removeNotSeenSince(java.time.Instant before, int limit) {
    return db.sql("""
        DELETE FROM person WHERE username IN (
          SELECT username FROM person WHERE last_seen_at < :before ORDER BY last_seen_at LIMIT :limit)
        """).param("before", Timestamps.of(before)).param("limit", limit).update();
  }

  /** The display name of a desk user; anyone else (an account manager's id) as given. */
  public String name(String username) {
    if (username == null) {
      return null;
    }
    return db.sql("SELECT display_name FROM person WHERE username = :u OR account_manager_id = :u "
            + "ORDER BY (username = :u) DESC LIMIT 1")
        .param("u", username).query(String.class).optional().orElse(username);
  }

  /** The people a lead can hand a task to: everyone the desk knows as an agent. */
  public List<Person> all() {
    return db.sql("SELECT username, display_name FROM person WHERE ',' || roles || ',' LIKE :agent "
            + "ORDER BY display_name, username")
        .param("agent", "%," + Roles.AGENT + ",%")
        .query((rs, n) -> new Person(rs.getString("username"), rs.getString("display_name"))).list();
  }

  public Optional<Person> find(String username) {
    return all().stream().filter(person -> person.username().equals(username)).findFirst();
  }

  /** One entry of the reassign list. */
  public record Person(String username, String displayName) {}
}

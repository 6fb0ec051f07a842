package io.winback.desk.web;

import io.winback.desk.DeskProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/** The people who use the desk (winback.desk.users), by user name, for display and the reassign list. */
@Component
public class People {

  private final DeskProperties properties;

  public People(DeskProperties properties) {
    this.properties = properties;
  }

  /** The display name of a desk user; anyone else (an account manager's id) as given. */
  public String name(String username) {
    if (username == null) {
      return null;
    }
    return properties.users().stream()
        .filter(user -> user.username().equals(username))
        .map(user -> user.displayName() == null || user.displayName().isBlank() ? username : user.displayName())
        .findFirst().orElse(username);
  }

  public List<Person> all() {
    return properties.users().stream().map(user -> new Person(user.username(), name(user.username()))).toList();
  }

  /** One entry of the reassign list. */
  public record Person(String username, String displayName) {}
}

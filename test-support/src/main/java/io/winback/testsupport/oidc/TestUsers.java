package io.winback.testsupport.oidc;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The provider's users, changeable while it runs: the login form reads them through
 * {@link UserDetailsService}, the token customizer and userinfo read their roles and claims.
 */
final class TestUsers implements UserDetailsService {

  /** BCrypt at its lowest cost: a real hash check on every login, without slowing the tests down. */
  static final PasswordEncoder PASSWORDS = new BCryptPasswordEncoder(4);

  private final Map<String, TestUser> users = new ConcurrentHashMap<>();
  private final Map<String, String> hashes = new ConcurrentHashMap<>();

  TestUsers(Collection<TestUser> initial) {
    initial.forEach(this::put);
  }

  /** Adds the user, or replaces the one of the same name. */
  void put(TestUser user) {
    hashes.put(user.username(), PASSWORDS.encode(user.password()));
    users.put(user.username(), user);
  }

  Optional<TestUser> find(String username) {
    return Optional.ofNullable(username).map(users::get);
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    TestUser user = users.get(username);
    String hash = hashes.get(username);
    if (user == null || hash == null) {
      throw new UsernameNotFoundException("no such test user");
    }
    return User.withUsername(username).password(hash)
        .roles(user.roles().toArray(String[]::new)).build();
  }
}

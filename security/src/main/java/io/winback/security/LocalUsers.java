package io.winback.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The embedded setup's users (winback.security.local-users), for form login and HTTP basic. Only
 * BCrypt hashes are accepted: a clear-text or {noop} password refuses to load.
 */
public final class LocalUsers implements UserDetailsService {

  /** A local user with the two things a token would carry besides the roles. */
  public static final class LocalUserDetails extends User {
    private final String displayName;
    private final String accountManagerId;

    LocalUserDetails(String username, String password, List<GrantedAuthority> authorities, String displayName,
        String accountManagerId) {
      super(username, password, authorities);
      this.displayName = displayName == null || displayName.isBlank() ? username : displayName;
      this.accountManagerId = accountManagerId;
    }

    public String displayName() {
      return displayName;
    }

    public String accountManagerId() {
      return accountManagerId;
    }
  }

  private final Map<String, SecuritySettings.LocalUser> users;

  public LocalUsers(List<SecuritySettings.LocalUser> users) {
    for (int i = 0; i < users.size(); i++) {
      String password = users.get(i).password();
      if (password == null || !password.startsWith("{bcrypt}")) {
        throw new IllegalStateException("winback.security.local-users[" + i + "].password must be a {bcrypt} hash "
            + "(e.g. from `htpasswd -bnBC 10 \"\" secret`), not a clear-text or {noop} password");
      }
    }
    this.users = users.stream().collect(Collectors.toMap(SecuritySettings.LocalUser::username, Function.identity(),
        (a, b) -> a));
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    SecuritySettings.LocalUser user = users.get(username);
    if (user == null) {
      throw new UsernameNotFoundException("no such local user");
    }
    List<GrantedAuthority> authorities = new ArrayList<>();
    user.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority(Roles.authority(role))));
    return new LocalUserDetails(user.username(), user.password(), authorities, user.displayName(),
        user.accountManagerId());
  }

  public List<SecuritySettings.LocalUser> all() {
    return List.copyOf(users.values());
  }
}

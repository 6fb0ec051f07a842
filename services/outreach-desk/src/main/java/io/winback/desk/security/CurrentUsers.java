package io.winback.desk.security;

import io.winback.security.SecuritySettings;
import io.winback.security.WinbackUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who is asking, as the desk's rules need it ({@link WinbackUser}), from Spring Security's authentication. */
@Component
public class CurrentUsers {

  private final SecuritySettings settings;

  public CurrentUsers(SecuritySettings settings) {
    this.settings = settings;
  }

  public WinbackUser of(Authentication authentication) {
    return WinbackUser.of(authentication, settings);
  }
}

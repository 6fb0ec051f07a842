package io.winback.security;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The roles people and machine clients have in Winback, whichever service they use. They come
 * from the identity provider's role claim ({@link RoleClaim}), or from the embedded setup's local
 * users, and become Spring Security authorities {@code ROLE_<name>}.
 *
 * <ul>
 *   <li>AGENT: works their own tasks and the unassigned ones of their channels.
 *   <li>LEAD: everything in the desk: every task, reassigning, the outbox.
 *   <li>OPS_VIEWER: lag, rates and dead-letter metadata, never a decoded payload.
 *   <li>OPS_ADMIN: also the decoded payload of a dead letter, and redrive.
 *   <li>DATA_PROTECTION: the subject access report (everything Winback holds about a customer).
 * </ul>
 */
public final class Roles {

  public static final String AGENT = "AGENT";
  public static final String LEAD = "LEAD";
  public static final String OPS_VIEWER = "OPS_VIEWER";
  public static final String OPS_ADMIN = "OPS_ADMIN";
  public static final String DATA_PROTECTION = "DATA_PROTECTION";

  /** Every role Winback knows; other values in a token's role claim are ignored. */
  public static final List<String> ALL = List.of(AGENT, LEAD, OPS_VIEWER, OPS_ADMIN, DATA_PROTECTION);

  private static final String PREFIX = "ROLE_";

  private Roles() {}

  public static String authority(String role) {
    return PREFIX + role;
  }

  public static boolean has(Authentication user, String role) {
    if (user == null) {
      return false;
    }
    String wanted = authority(role);
    for (GrantedAuthority authority : user.getAuthorities()) {
      if (wanted.equals(authority.getAuthority())) {
        return true;
      }
    }
    return false;
  }
}

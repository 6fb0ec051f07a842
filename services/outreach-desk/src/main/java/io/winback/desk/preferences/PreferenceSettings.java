package io.winback.desk.preferences;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The customer's own door (winback.desk.preferences.*): the preference page /p/{token}, the
 * one-click unsubscribe of every email, the mailto unsubscribe. Outside the embedded setup the
 * desk refuses to start without {@code public-base-url} and a signing key: an email without a
 * working way to say "no" must not go out.
 *
 * @param publicBaseUrl where customers reach the page (the public Ingress), e.g.
 *     {@code https://preferences.winback.example}; links are this plus {@code /p/{token}}
 * @param mailtoAddress the mailbox of the mailto unsubscribe ({@code List-Unsubscribe}'s second
 *     link, subject {@code unsubscribe-{token}}); empty: the header carries the https link only
 * @param tokenLifetime how long a link works after it was issued (an email sent, a letter printed)
 * @param currentKey the id of the key that signs new links
 * @param keys every key that still verifies links: the current one and, during a rotation, the one
 *     before it (drop it once {@code token-lifetime} has passed since the switch)
 * @param rateLimit how often one link and one client address may knock
 * @param mailbox the inbound mailbox of {@code mailto-address}, read for unsubscribe subjects
 */
@ConfigurationProperties("winback.desk.preferences")
public record PreferenceSettings(
    URI publicBaseUrl,
    String mailtoAddress,
    @DefaultValue("60d") Duration tokenLifetime,
    String currentKey,
    List<Key> keys,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue Mailbox mailbox) {

  public PreferenceSettings {
    keys = keys == null ? List.of() : List.copyOf(keys);
    mailtoAddress = mailtoAddress == null || mailtoAddress.isBlank() ? null : mailtoAddress.strip();
  }

  /**
   * A signing key: {@code id} (1 to 16 letters, digits, - or _; it travels in the token) and
   * {@code secret}, Base64 of at least 32 random bytes (e.g. {@code openssl rand -base64 32}).
   */
  public record Key(String id, String secret) {
    @Override
    public String toString() {
      return "Key[" + id + ", secret hidden]";
    }
  }

  /**
   * Two token buckets, both must have a token left: one per link (its token), one per client address
   * (behind the Ingress only when {@code server.forward-headers-strategy} trusts the proxy). Each
   * holds {@code capacity} requests and gets one back every {@code refill-every}. The state is in the
   * database, so every desk replica counts the same.
   */
  public record RateLimit(
      @DefaultValue("20") int perTokenCapacity,
      @DefaultValue("30s") Duration perTokenRefillEvery,
      @DefaultValue("60") int perAddressCapacity,
      @DefaultValue("1s") Duration perAddressRefillEvery) {}

  /**
   * The inbound mailbox (IMAP or POP3, Jakarta Mail's protocol names: imap, imaps, pop3, pop3s) that
   * receives the mailto unsubscribes. Not configured by default: then nobody reads it, and the header
   * should not name it (leave {@code mailto-address} empty).
   */
  public record Mailbox(
      @DefaultValue("imaps") String protocol,
      String host,
      @DefaultValue("0") int port,
      String username,
      String password,
      @DefaultValue("INBOX") String folder,
      @DefaultValue("1m") Duration pollInterval) {

    public boolean configured() {
      return host != null && !host.isBlank();
    }

    @Override
    public String toString() {
      return "Mailbox[" + protocol + "://" + host + ":" + port + "/" + folder + ", login hidden]";
    }
  }
}

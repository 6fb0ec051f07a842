package io.winback.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data protection settings every service reads the same way (winback.privacy.*).
 *
 * @param erasureDeadline after a CRM tombstone, no personal data of the customer may be readable
 *     from any topic, changelog, store or database Winback writes once this much time has passed
 *     (at once: from no API or page)
 */
@ConfigurationProperties("winback.privacy")
public record PrivacySettings(@DefaultValue("24h") Duration erasureDeadline) {}

package io.winback.processor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The processor's part of the data protection settings (winback.privacy.*; the erasure deadline,
 * which every service reads, is {@code io.winback.security.PrivacySettings}).
 *
 * @param caseRetention how long a closed case is kept after it closed; then it is removed from the
 *     stores and tombstoned on winback.cases.v1
 */
@ConfigurationProperties("winback.privacy")
public record CaseRetentionProperties(@DefaultValue("400d") Duration caseRetention) {}

package io.winback.cli.replay;

import io.winback.cli.CommandFailure;
import io.winback.policy.PolicyProperties;
import io.winback.policy.PolicySettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Binds {@code winback.policy.*} into {@link PolicyProperties} with Spring Boot's Binder, the way the
 * processor binds its configuration: the same record, the same defaults, the same conversions (7d,
 * 20:00, 100.00). Replay is stricter in one respect: a key the record does not have is an error, so a
 * typo cannot leave the "after" side silently equal to the "before" side.
 */
public final class PolicyBinding {

  private static final String PREFIX = "winback.policy";

  private PolicyBinding() {}

  /** Today's settings: PolicyProperties' defaults, which are the processor's application.yml values. */
  public static PolicySettings today() {
    return bind(List.of());
  }

  /** Today's settings with the proposed ones on top; a later setting of the same key wins. */
  public static PolicySettings bind(List<ProposedSetting> proposed) {
    Map<String, String> values = new LinkedHashMap<>();
    proposed.forEach(setting -> values.put(setting.key(), setting.value()));
    Binder binder = new Binder(new MapConfigurationPropertySource(values));
    PolicyProperties properties;
    try {
      properties = binder.bindOrCreate(PREFIX, Bindable.of(PolicyProperties.class),
          new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    } catch (BindException e) {
      throw new CommandFailure(describe(e, proposed), CommandFailure.USAGE);
    }
    try {
      return properties.settings();
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("the proposed settings are not valid: " + e.getMessage(), CommandFailure.USAGE);
    }
  }

  private static String describe(BindException e, List<ProposedSetting> proposed) {
    if (e.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
      return unbound.getUnboundProperties().stream()
          .map(property -> "unknown setting " + property.getName() + sourceOf(property.getName(), proposed))
          .sorted()
          .collect(Collectors.joining("; "))
          + " (the winback.policy settings are: " + String.join(", ", knownKeys()) + ")";
    }
    ConfigurationProperty property = e.getProperty();
    String name = property == null ? e.getName().toString() : property.getName().toString();
    Throwable cause = e.getCause();
    while (cause != null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return "bad value for " + name + sourceOf(ConfigurationPropertyName.of(name), proposed) + ": "
        + (cause == null ? e.getMessage() : cause.getMessage());
  }

  private static String sourceOf(ConfigurationPropertyName name, List<ProposedSetting> proposed) {
    Optional<ProposedSetting> setting = proposed.stream()
        .filter(candidate -> name.equals(ConfigurationPropertyName.adapt(candidate.key(), '.')))
        .reduce((first, second) -> second);
    return setting.map(found -> " (" + found.source() + ")").orElse("");
  }

  /** The keys PolicyProperties has, as they are written in application.yml. */
  static List<String> knownKeys() {
    return java.util.Arrays.stream(PolicyProperties.class.getRecordComponents())
        .map(component -> DataObjectPropertyName.toDashedForm(component.getName()))
        .toList();
  }
}

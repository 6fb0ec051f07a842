package io.winback.cli.replay;

import io.winback.cli.CommandFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * A file of proposed {@code winback.policy.*} settings, read with the loaders Spring Boot reads
 * application.properties and application.yml with, so a file that works for the processor works here.
 * Keys may leave out the {@code winback.policy.} prefix, as with {@code --set}.
 */
public final class SettingsFile {

  private SettingsFile() {}

  public static List<ProposedSetting> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CommandFailure("--settings " + file + ": no such file", CommandFailure.USAGE);
    }
    List<ProposedSetting> settings = new ArrayList<>();
    String source = file.getFileName().toString();
    for (PropertySource<?> document : load(file)) {
      if (!(document instanceof EnumerablePropertySource<?> properties)) {
        continue;
      }
      for (String name : properties.getPropertyNames()) {
        Object value = properties.getProperty(name);
        settings.add(ProposedSetting.of(name, value == null ? "" : value.toString(), source));
      }
    }
    return settings;
  }

  private static List<PropertySource<?>> load(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    PropertySourceLoader loader;
    if (name.endsWith(".properties")) {
      loader = new PropertiesPropertySourceLoader();
    } else if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      loader = new YamlPropertySourceLoader();
    } else {
      throw new CommandFailure("--settings " + file + ": expected a .properties, .yml or .yaml file",
          CommandFailure.USAGE);
    }
    try {
      return loader.load(file.toString(), new FileSystemResource(file));
    } catch (IOException | RuntimeException e) {
      throw new CommandFailure("--settings " + file + ": cannot read it: " + e.getMessage(), CommandFailure.USAGE);
    }
  }
}

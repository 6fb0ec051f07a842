package io.winback.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to instantiate classes outside a trusted list when it resolves a schema to a
 * Java class. Winback's generated events live in {@code io.winback}, so that package is trusted
 * once per JVM, on top of whatever the JVM already trusts.
 */
public final class TrustedPackages {

  static final String WINBACK_PACKAGE = "io.winback.";

  private static volatile boolean installed;

  private TrustedPackages() {}

  public static void install() {
    if (installed) {
      return;
    }
    synchronized (TrustedPackages.class) {
      if (!installed) {
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
            previous, type -> type.getName().startsWith(WINBACK_PACKAGE)));
        installed = true;
      }
    }
  }
}

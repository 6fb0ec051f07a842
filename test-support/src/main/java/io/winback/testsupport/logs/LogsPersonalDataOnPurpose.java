package io.winback.testsupport.logs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a test class from {@link NoPersonalDataInLogs}: for the scanner's own tests, which run
 * sample classes that log personal data on purpose. Nothing else may use it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LogsPersonalDataOnPurpose {}

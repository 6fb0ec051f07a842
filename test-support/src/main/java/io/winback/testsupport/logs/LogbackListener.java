package io.winback.testsupport.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/** Collects the test JVM's log events at INFO and above, while a test class runs. */
final class LogbackListener extends AppenderBase<ILoggingEvent> {

  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private Logger root;

  /** Attached to Logback's root logger, or null where the module logs with something else. */
  static LogbackListener attachIfPresent() {
    try {
      if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
        return null;
      }
      LogbackListener listener = new LogbackListener();
      listener.setContext(logback);
      listener.setName("no-personal-data-in-logs");
      listener.start();
      listener.root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      listener.root.addAppender(listener);
      return listener;
    } catch (LinkageError noLogback) {
      return null;
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
      return;
    }
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(" - ").append(event.getFormattedMessage());
    for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
      line.append(" | ").append(error.getClassName()).append(": ").append(error.getMessage());
    }
    lines.add(line.toString());
  }

  List<String> detach() {
    if (root != null) {
      root.detachAppender(this);
    }
    stop();
    return new ArrayList<>(lines);
  }
}

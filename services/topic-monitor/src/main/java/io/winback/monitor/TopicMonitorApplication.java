package io.winback.monitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The topic monitor: rates, consumer lag and its Burrow-style status, dead letters and redrive. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TopicMonitorApplication {

  public static void main(String[] args) {
    SpringApplication.run(TopicMonitorApplication.class, args);
  }
}

package io.winback.processor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The churn processor: cancellations in, outreach tasks and cases out, feedback closing the loop. */
@SpringBootApplication
@ConfigurationPropertiesScan({"io.winback.processor", "io.winback.policy"})
public class ChurnProcessorApplication {

  public static void main(String[] args) {
    SpringApplication.run(ChurnProcessorApplication.class, args);
  }
}

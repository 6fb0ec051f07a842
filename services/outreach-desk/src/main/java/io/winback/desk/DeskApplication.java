package io.winback.desk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The outreach desk: sends the emails, gives agents their worklist, records what came of each task. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DeskApplication {

  public static void main(String[] args) {
    SpringApplication.run(DeskApplication.class, args);
  }
}

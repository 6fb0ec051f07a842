package io.winback.desk.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.winback.desk.privacy.SubjectAccess;
import io.winback.desk.privacy.SubjectAccessReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The subject access report of the desk, for the data protection officer (role DATA_PROTECTION only). */
@RestController
@RequestMapping(path = "/api/privacy", produces = MediaType.APPLICATION_JSON_VALUE)
@SecurityRequirement(name = ApiDocs.BEARER_AUTH)
@SecurityRequirement(name = ApiDocs.BASIC_AUTH)
@ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content)
@ApiResponse(responseCode = "403", description = "The caller has not the role DATA_PROTECTION", content = @Content)
public class PrivacyApi {

  private static final Logger log = LoggerFactory.getLogger(PrivacyApi.class);

  private final SubjectAccess access;

  public PrivacyApi(SubjectAccess access) {
    this.access = access;
  }

  @GetMapping("/customers/{customerId}")
  @Tag(name = ApiDocs.PRIVACY)
  @Operation(summary = "Everything the desk holds about a customer (subject access report)",
      description = "Every row of every desk table about the customer, each part naming its table: the consent "
          + "row, the tasks (sealed personal fields opened with the customer's key), the sent emails, unfinished "
          + "SMTP attempts, the outcomes in the outbox (free text opened) and the statuses of the customer's cases. "
          + "After the customer's erasure the same parts list ids, statuses and dates, and no personal data. A "
          + "customer the desk knows nothing of gets empty parts. Never cached.")
  @ApiResponse(responseCode = "200", description = "The report")
  public ResponseEntity<SubjectAccessReport> customer(@PathVariable String customerId,
      @Parameter(hidden = true) Authentication user) {
    SubjectAccessReport report = access.report(customerId);
    // Who asked, not about whom (the id stays out of the logs, as every customer id does at INFO).
    log.info("subject access report made for {}: {} row(s)", user.getName(),
        report.parts().stream().mapToInt(part -> part.rows().size()).sum());
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(report);
  }
}

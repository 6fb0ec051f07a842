package io.winback.desk.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the outreach desk holds about one customer, part by part, each naming the table it
 * comes from. Sealed personal fields are opened while the customer's key exists; after the
 * erasure the same parts list ids, statuses and dates, and no personal data.
 */
@Schema(name = "SubjectAccessReport", description = "Everything the outreach desk holds about a customer")
public record SubjectAccessReport(
    @Schema(example = "C-1001") String customerId,
    @Schema(example = "outreach-desk") String service,
    @Schema(description = "When the report was made (ISO-8601)") Instant generatedAt,
    @Schema(description = "The customer's key as the desk's key ring knows it: KNOWN, ERASED or UNKNOWN (never "
        + "written: nothing of this customer was sealed). The key itself is never shown.", example = "KNOWN")
    String key,
    @Schema(description = "Whether the customer was erased (by the CRM, or their key)") boolean erased,
    List<Part> parts) {

  /** One table's rows about the customer. */
  @Schema(name = "SubjectAccessPart")
  public record Part(
      @Schema(description = "Where the rows come from", example = "outreach-desk database, table task") String source,
      @Schema(example = "task") String table,
      @Schema(description = "What the table is for") String description,
      @Schema(description = "The rows, column by column; personal fields opened, or null (personalData says why)")
      List<Map<String, Object>> rows) {}
}

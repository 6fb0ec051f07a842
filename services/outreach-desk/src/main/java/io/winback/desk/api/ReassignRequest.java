package io.winback.desk.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** A lead hands a task to another person. */
@Schema(name = "ReassignRequest")
public record ReassignRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The user name of the new owner",
        example = "jonas") String assignee) {}

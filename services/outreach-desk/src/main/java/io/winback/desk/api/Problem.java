package io.winback.desk.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;

/** How an error of /api looks (RFC 9457); for the documentation only, the API answers with ProblemDetail. */
@Schema(name = "Problem", description = "An RFC 9457 problem detail (application/problem+json)")
record Problem(
    @Schema(description = "about:blank", example = "about:blank") URI type,
    @Schema(example = "Invalid request") String title,
    @Schema(example = "400") int status,
    @Schema(example = "at most 2000 characters") String detail,
    @Schema(description = "The request path", example = "/api/tasks/task-3f2a/outcome") URI instance,
    @Schema(description = "400 only: the request field or parameter that is wrong", example = "text") String field) {}

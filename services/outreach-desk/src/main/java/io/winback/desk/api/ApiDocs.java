package io.winback.desk.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of /api (springdoc): /v3/api-docs and the Swagger UI at /swagger-ui.html.
 * Every operation needs a JWT bearer token from the identity provider (audience winback-desk; on
 * the embedded setup HTTP basic with its local users); AGENT for the tasks they may see, LEAD for
 * every task and for reassigning, DATA_PROTECTION for the subject access report.
 */
@Configuration
@OpenAPIDefinition(
    info = @Info(title = "Winback outreach desk API", version = "v1",
        description = "The worklist for call-centre systems: list, claim and work phone, letter, WhatsApp and "
            + "in-person tasks, record outcomes (published on outreach.feedback.v1), and read case statuses. "
            + "Email tasks are sent by the desk itself and are not in the list. Errors are RFC 9457 problem "
            + "details (application/problem+json); a 400 names the offending field in `field`. The subject access "
            + "report (DATA_PROTECTION) lists everything the desk holds about a customer."),
    tags = {
        @Tag(name = ApiDocs.TASKS, description = "Outreach tasks for people: the worklist and what came of each task"),
        @Tag(name = ApiDocs.CASES, description = "Win-back cases as the churn processor reports them"),
        @Tag(name = ApiDocs.PRIVACY, description = "Data protection: what the desk holds about a customer"),
        @Tag(name = ApiDocs.REPORTS, description = "Reports for retention leads (LEAD): the funnel, rates, timings, "
            + "what customers said and chose, and the holdout's uplift, with the cases behind every figure")})
@SecurityScheme(name = ApiDocs.BEARER_AUTH, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
    description = "An access token from the identity provider (client credentials for call-centre systems), audience "
        + "winback-desk, roles in the configured role claim: AGENT for the tasks the caller may see, LEAD for every "
        + "task and for reassigning, DATA_PROTECTION for the subject access report.")
@SecurityScheme(name = ApiDocs.BASIC_AUTH, type = SecuritySchemeType.HTTP, scheme = "basic",
    description = "The embedded setup only (./winback up): its local users, e.g. agent/agent, lead/lead, dpo/dpo.")
public class ApiDocs {

  public static final String BEARER_AUTH = "bearerAuth";
  public static final String BASIC_AUTH = "basicAuth";
  public static final String TASKS = "Tasks";
  public static final String CASES = "Cases";
  public static final String PRIVACY = "Privacy";
  public static final String REPORTS = "Reports";
  static final String PROBLEM_JSON = "application/problem+json";
}

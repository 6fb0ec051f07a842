package io.winback.processor.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A query passed on to the instance that holds the data, with the caller's own credentials (the
 * {@code Authorization} header as it came: a bearer token, or HTTP basic on the embedded setup).
 * The other instance checks them like those of any request, so a forwarded query is never
 * anonymous and never shows more than the caller may see; the processor has no credentials of its
 * own to lend.
 *
 * <p>The other instance's answer is passed on as it is, a refusal included: a token that expired
 * between this instance's check and the other's is a 401 with the other's {@code WWW-Authenticate},
 * for the caller to fetch a new token, not a 502. Only an instance that does not answer in time is
 * a 502.
 */
final class Forwarding {

  /** Marks a forwarded request, so that it is answered from the receiver's own stores only. */
  static final String FORWARDED = "X-Winback-Forwarded";

  /** The {@code resource_metadata="..."} parameter (RFC 9728) of a challenge, with its separating comma. */
  private static final Pattern RESOURCE_METADATA =
      Pattern.compile(",\\s*resource_metadata=\"[^\"]*\"|resource_metadata=\"[^\"]*\"\\s*,?\\s*");

  private final RestClient http;
  private final HostInfo self;

  Forwarding(HostInfo self, Duration timeout) {
    this.self = self;
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().connectTimeout(timeout).build());
    requests.setReadTimeout(timeout);
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  /** Whether the other instance refused the caller: no use asking anybody else with the same credentials. */
  static boolean refused(ResponseEntity<String> answer) {
    int status = answer.getStatusCode().value();
    return status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value();
  }

  /** GET {@code path} (with {@code key} for its one variable) from {@code owner}, as the caller. */
  ResponseEntity<String> get(HostInfo owner, String path, String key, String authorization) {
    URI uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host()).port(owner.port())
        .path(path).buildAndExpand(key).encode().toUri();
    try {
      ResponseEntity<String> answer = http.get().uri(uri)
          .header(FORWARDED, self.host() + ":" + self.port())
          .headers(headers -> {
            if (authorization != null) {
              headers.set(HttpHeaders.AUTHORIZATION, authorization);
            }
          })
          .retrieve().toEntity(String.class);
      return passOn(answer.getStatusCode(), answer.getHeaders(), answer.getBody());
    } catch (RestClientResponseException e) {
      if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
        return refusedCredentials(e);
      }
      HttpHeaders headers = e.getResponseHeaders() == null ? new HttpHeaders() : e.getResponseHeaders();
      return passOn(e.getStatusCode(), headers, e.getResponseBodyAsString());
    } catch (RuntimeException e) {
      return Problems.problem(HttpStatus.BAD_GATEWAY,
          "the instance " + owner.host() + ":" + owner.port() + " did not answer");
    }
  }

  /**
   * Status, type and body of the other instance's answer, and the headers that tell the caller what
   * to do next; not the rest of its headers, which this instance's own response sets.
   */
  private static ResponseEntity<String> passOn(HttpStatusCode status, HttpHeaders from, String body) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    MediaType type = from.getContentType();
    answer.contentType(type != null ? type : MediaType.APPLICATION_JSON);
    copy(from, answer, HttpHeaders.RETRY_AFTER);
    challenges(from, answer);
    return answer.body(body);
  }

  /**
   * A 401 from the owner: its challenge (e.g. {@code Bearer error="invalid_token",
   * error_description="Jwt expired at ..."}) without its {@code resource_metadata}, which names the
   * owner's own address, one the caller cannot reach and need not know; this instance's own
   * challenges name its metadata.
   */
  private static ResponseEntity<String> refusedCredentials(RestClientResponseException e) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (e.getResponseHeaders() != null) {
      challenges(e.getResponseHeaders(), answer);
    }
    return answer.body(Problems.body(HttpStatus.UNAUTHORIZED,
        "the instance that holds the data refused the credentials (expired or not valid): ask again with new ones"));
  }

  /** The owner's WWW-Authenticate challenges, each without its resource_metadata. */
  private static void challenges(HttpHeaders from, ResponseEntity.BodyBuilder to) {
    List<String> challenges = from.get(HttpHeaders.WWW_AUTHENTICATE);
    if (challenges != null) {
      challenges.forEach(challenge -> to.header(HttpHeaders.WWW_AUTHENTICATE, withoutResourceMetadata(challenge)));
    }
  }

  /** {@code challenge} without its {@code resource_metadata} parameter, the rest as it was. */
  static String withoutResourceMetadata(String challenge) {
    return RESOURCE_METADATA.matcher(challenge).replaceAll("").strip();
  }

  private static void copy(HttpHeaders from, ResponseEntity.BodyBuilder to, String name) {
    List<String> values = from.get(name);
    if (values != null && !values.isEmpty()) {
      to.header(name, values.toArray(String[]::new));
    }
  }
}

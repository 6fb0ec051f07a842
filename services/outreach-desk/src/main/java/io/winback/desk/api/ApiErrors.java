package io.winback.desk.api;

import io.winback.desk.tasks.TaskProblem;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of /api as an RFC 9457 problem detail (application/problem+json). A 400 carries the
 * offending field in the {@code field} property. Only for the API's own controllers: the worklist
 * pages answer errors their own way.
 */
@RestControllerAdvice(basePackageClasses = TaskApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
  static final String FIELD = "field";

  @ExceptionHandler(TaskProblem.NotFound.class)
  ProblemDetail notFound(TaskProblem.NotFound problem) {
    return problem(HttpStatus.NOT_FOUND, "Task not found", problem.getMessage());
  }

  @ExceptionHandler(TaskProblem.Conflict.class)
  ProblemDetail conflict(TaskProblem.Conflict problem) {
    return problem(HttpStatus.CONFLICT, "Conflict", problem.getMessage());
  }

  @ExceptionHandler(TaskProblem.Invalid.class)
  ProblemDetail invalid(TaskProblem.Invalid problem) {
    return invalid(problem.field(), problem.getMessage());
  }

  /** Two writers on one row at the same moment: the loser hears it as a conflict, like a lost claim. */
  @ExceptionHandler(PessimisticLockingFailureException.class)
  ProblemDetail locked(PessimisticLockingFailureException e) {
    log.info("concurrent change refused: {}", e.getMessage());
    return problem(HttpStatus.CONFLICT, "Conflict", "the task changed meanwhile; reload it");
  }

  @ExceptionHandler(TaskProblem.NotAllowed.class)
  ProblemDetail notAllowed(TaskProblem.NotAllowed problem) {
    return problem(HttpStatus.CONFLICT, "Outcome not allowed", problem.getMessage());
  }

  /** The customer's consent is not known to the desk yet: nobody may act, but soon someone may. */
  @ExceptionHandler(TaskProblem.NotYet.class)
  ResponseEntity<ProblemDetail> notYet(TaskProblem.NotYet problem) {
    ProblemDetail body = problem(HttpStatus.CONFLICT, "Consent not known yet", problem.getMessage());
    return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "10").body(body);
  }

  /** Malformed JSON, a value of the wrong type, an unknown enum symbol, a bad date-time. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    BodyError error = BodyError.of(ex);
    ProblemDetail body = invalid(error.field(), error.detail());
    return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** A query or path parameter that does not convert, e.g. an unknown channel. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String field = ex.getPropertyName();
    Class<?> type = ex.getRequiredType();
    String detail = "'" + ex.getValue() + "' is not " + (type != null && type.isEnum()
        ? "one of " + symbols(type) : "a valid " + (type == null ? "value" : type.getSimpleName()));
    return handleExceptionInternal(ex, invalid(field, detail), headers, HttpStatus.BAD_REQUEST, request);
  }

  private static ProblemDetail invalid(String field, String detail) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    if (field != null) {
      problem.setProperty(FIELD, field);
    }
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  static String symbols(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
  }

  /** What was wrong with a request body, found in the JSON library's exception (Jackson 3, or 2). */
  record BodyError(String field, String detail) {

    static BodyError of(HttpMessageNotReadableException ex) {
      for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        if (cause instanceof tools.jackson.databind.exc.InvalidFormatException format) {
          return new BodyError(path3(format.getPath()), badValue(format.getValue(), format.getTargetType()));
        }
        if (cause instanceof tools.jackson.databind.exc.MismatchedInputException mismatch) {
          return new BodyError(path3(mismatch.getPath()), mismatch(mismatch.getTargetType()));
        }
        if (cause instanceof tools.jackson.core.exc.StreamReadException) {
          return new BodyError(null, "the request body is not valid JSON");
        }
        if (cause instanceof tools.jackson.core.JacksonException jackson && !jackson.getPath().isEmpty()) {
          return new BodyError(path3(jackson.getPath()), "invalid value");
        }
        if (cause instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException format) {
          return new BodyError(path2(format.getPath()), badValue(format.getValue(), format.getTargetType()));
        }
        if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch) {
          return new BodyError(path2(mismatch.getPath()), mismatch(mismatch.getTargetType()));
        }
        if (cause instanceof com.fasterxml.jackson.core.JsonParseException) {
          return new BodyError(null, "the request body is not valid JSON");
        }
      }
      String message = ex.getMessage();
      if (message != null && message.startsWith("Required request body is missing")) {
        return new BodyError(null, "a JSON request body is required");
      }
      return new BodyError(null, "the request body is not valid JSON");
    }

    private static String badValue(Object value, Class<?> type) {
      if (type != null && type.isEnum()) {
        return "'" + value + "' is not one of " + symbols(type);
      }
      if (type != null && java.time.temporal.Temporal.class.isAssignableFrom(type)) {
        return "'" + value + "' is not an ISO-8601 date-time such as 2026-12-01T10:00:00+01:00";
      }
      return "'" + value + "' is not a valid " + (type == null ? "value" : type.getSimpleName());
    }

    private static String mismatch(Class<?> type) {
      if (type != null && type.isEnum()) {
        return "expected one of " + symbols(type);
      }
      return "expected " + (type == null ? "another value" : "a " + type.getSimpleName());
    }

    private static String path3(List<tools.jackson.core.JacksonException.Reference> path) {
      return join(path.stream().map(ref -> ref.getPropertyName() != null ? ref.getPropertyName()
          : ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : null).toList());
    }

    private static String path2(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> path) {
      return join(path.stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
          : ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : null).toList());
    }

    private static String join(List<String> parts) {
      StringBuilder field = new StringBuilder();
      for (String part : parts) {
        if (part == null) {
          continue;
        }
        if (field.length() > 0 && !part.startsWith("[")) {
          field.append('.');
        }
        field.append(part);
      }
      return field.length() == 0 ? null : field.toString();
    }
  }
}

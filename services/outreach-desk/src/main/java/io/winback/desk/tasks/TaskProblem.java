package io.winback.desk.tasks;

/** Why an action on a task was refused; the web layer maps each to its HTTP status. */
public abstract sealed class TaskProblem extends RuntimeException {

  TaskProblem(String message) {
    super(message);
  }

  /** 404 */
  public static final class NotFound extends TaskProblem {
    public NotFound(String taskId) {
      super("no task " + taskId);
    }
  }

  /** 409: someone else was first, or the task moved on. */
  public static final class Conflict extends TaskProblem {
    public Conflict(String message) {
      super(message);
    }
  }

  /** 409: the shared outcome table does not allow this outcome in the task's state. */
  public static final class NotAllowed extends TaskProblem {
    public NotAllowed(String message) {
      super(message);
    }
  }

  /** 409, and worth another try soon: the customer's consent is not known to the desk yet. */
  public static final class NotYet extends TaskProblem {
    public NotYet(String message) {
      super(message);
    }
  }

  /** 400: the request itself is wrong; {@code field} names what. */
  public static final class Invalid extends TaskProblem {
    private final String field;

    public Invalid(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}

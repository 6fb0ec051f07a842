package io.winback.schemas.rules;

import io.winback.events.CaseStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which case statuses are final. The processor changes a closed case no more, and the desk tells
 * agents so; both ask here.
 */
public final class CaseStatuses {

  /** After one of these nothing happens to the case any more. */
  public static final Set<CaseStatus> CLOSED = Collections.unmodifiableSet(EnumSet.of(CaseStatus.WON_BACK,
      CaseStatus.FEEDBACK_COLLECTED, CaseStatus.DECLINED, CaseStatus.NO_RESPONSE, CaseStatus.WITHDRAWN,
      CaseStatus.SUPPRESSED));

  private CaseStatuses() {}

  public static boolean isClosed(CaseStatus status) {
    return status != null && CLOSED.contains(status);
  }

  /** The same for a status by name, as the desk stores it; an unknown name is not closed. */
  public static boolean isClosed(String status) {
    for (CaseStatus closed : CLOSED) {
      if (closed.name().equals(status)) {
        return true;
      }
    }
    return false;
  }
}

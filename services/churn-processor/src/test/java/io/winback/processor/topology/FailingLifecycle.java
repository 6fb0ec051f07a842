package io.winback.processor.topology;

import io.winback.events.CustomerRelationship;
import io.winback.processor.cases.CaseFile;
import io.winback.processor.cases.CaseLifecycle;
import io.winback.processor.cases.Transition;
import io.winback.policy.ChannelPolicy;
import io.winback.policy.PolicySettings;
import io.winback.processor.tasks.TaskFactory;
import io.winback.processor.templates.MessageTemplates;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The real lifecycle, with a bug where a test puts one: the data-grace timer fails while
 * {@link #dataGraceFailure} is set, and the n-th withdrawal of an input throws what
 * {@link #withdrawalFailure} gives.
 */
final class FailingLifecycle extends CaseLifecycle {

  Supplier<? extends Throwable> dataGraceFailure;
  int failWithdrawalNumber;
  Supplier<? extends Throwable> withdrawalFailure = () -> new IllegalStateException("a bug in the second case");
  private int withdrawals;

  FailingLifecycle() {
    super(new ChannelPolicy(PolicySettings.defaults()),
        new TaskFactory(new MessageTemplates(), PolicySettings.defaults().version()), TopologyHarness.DATA_GRACE);
  }

  @Override
  public Transition dataGraceExpired(CaseFile file, Instant now) {
    if (dataGraceFailure != null) {
      throw sneaky(dataGraceFailure.get());
    }
    return super.dataGraceExpired(file, now);
  }

  @Override
  public Transition withdrawn(CaseFile file, CustomerRelationship customer, Instant now) {
    if (++withdrawals == failWithdrawalNumber) {
      throw sneaky(withdrawalFailure.get());
    }
    return super.withdrawn(file, customer, now);
  }

  void resetWithdrawals() {
    withdrawals = 0;
    failWithdrawalNumber = 0;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable failure) throws T {
    throw (T) failure;
  }
}

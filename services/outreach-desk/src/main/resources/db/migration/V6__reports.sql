-- The reports' read model (issue 15): what happened to each case, task and outcome, as the processor
-- published it on winback.cases.v1 and the task topics, in a form SQL can group. Ids, statuses,
-- outcomes, channels, classifications and dates only: no names, no contact data, no free text. Every
-- row is keyed by its own id and written with an upsert, so a record read twice (a rebalance, or two
-- replicas on this database) changes nothing; the report counts rows, never events.

-- One row per case. Written from the case topic; a task can arrive before its case, so the case's
-- own columns stay NULL (case_updated_at NULL) until its first case record: the reports count only
-- cases whose opened_at is known.
CREATE TABLE report_case (
  case_id             text        PRIMARY KEY,
  customer_id         text        NOT NULL,
  -- TREATED or HOLDOUT (WinbackCase v3).
  cohort              text,
  status              text,
  -- The processor's reason when the status is SUPPRESSED (its own words, no personal data); else NULL.
  suppression_reason  text,
  goal                text,
  -- From the case's first task (the policy's snapshot) or else the desk's CRM copy when the case arrived.
  tier                text,
  -- The cancellation's reason code (CancellationReason) from the task's context; NULL for a case without task.
  cancellation_reason text,
  -- The customer's account manager (an employee id) from the CRM copy, else an in-person task's assignee.
  account_manager     text,
  -- The channel of the case's first task: what the policy chose for it.
  first_channel       text,
  customer_choice     text,
  opened_at           timestamptz,
  closed_at           timestamptz,
  -- The first outcome that approached the customer (sent, reached, not reached, a result).
  first_contact_at    timestamptz,
  -- The updatedAt of the case record applied last: an older record read again never wins.
  case_updated_at     timestamptz,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX report_case_opened ON report_case (opened_at);
CREATE INDEX report_case_closed ON report_case (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX report_case_by_customer ON report_case (customer_id);

-- One row per task of a case (the case record's task list; created_at from the task topic).
CREATE TABLE report_task (
  task_id             text        PRIMARY KEY,
  case_id             text        NOT NULL,
  channel             text        NOT NULL,
  attempt             integer,
  state               text,
  created_at          timestamptz,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX report_task_by_case ON report_task (case_id);

-- One row per outcome (the case record's outcome history; the feedbackId is the processor's key).
CREATE TABLE report_outcome (
  feedback_id         text        PRIMARY KEY,
  case_id             text        NOT NULL,
  task_id             text        NOT NULL,
  outcome             text        NOT NULL,
  -- What the customer named as the reason (CancellationReason), when they gave one.
  feedback_category   text,
  recorded_at         timestamptz NOT NULL
);
CREATE INDEX report_outcome_by_case ON report_outcome (case_id);

-- The CRM's tier and account manager id of each customer: dimensions of the reports, for cases
-- without any task too (the holdout). Blanked with the rest of the row when the CRM erases the customer.
ALTER TABLE customer ADD COLUMN tier text;
ALTER TABLE customer ADD COLUMN account_manager_id text;

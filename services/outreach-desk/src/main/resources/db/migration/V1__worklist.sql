-- The outreach desk's database (PostgreSQL). Every desk replica works on these tables: one row per
-- task, so nothing is shown or sent twice whichever replica read the record or acts on it.

-- Tasks from the task topics and what became of them.
CREATE TABLE task (
  task_id         text        PRIMARY KEY,
  case_id         text        NOT NULL,
  customer_id     text        NOT NULL,
  -- The customer's partition on crm.relationships.v1 (co-partitioned with the task topics): consent is
  -- trusted only while the desk's copy of that partition is known to be complete (crm_feed).
  crm_partition   integer     NOT NULL,
  channel         text        NOT NULL,
  goal            text        NOT NULL,
  attempt         integer     NOT NULL,
  due_at          timestamptz NOT NULL,
  assignee        text,
  claimed_by      text,
  language        text        NOT NULL,
  subject         text,
  message         text        NOT NULL,
  contact_json    text,
  rationale_json  text        NOT NULL,
  context_json    text,
  policy_version  text        NOT NULL,
  created_at      timestamptz NOT NULL,
  received_at     timestamptz NOT NULL,
  status          text        NOT NULL,
  -- Why the desk gave the task its status itself (suppressed, failed), without personal data.
  status_reason   text,
  outcome         text,
  -- Email delivery: when to try next, how often it was tried, the last temporary error.
  next_send_at    timestamptz,
  send_attempts   integer     NOT NULL DEFAULT 0,
  first_send_at   timestamptz,
  last_error      text,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX task_due_emails ON task (next_send_at) WHERE channel = 'EMAIL' AND status = 'OPEN';
CREATE INDEX task_worklist ON task (due_at, task_id) WHERE channel <> 'EMAIL';
CREATE INDEX task_by_customer ON task (customer_id);
CREATE INDEX task_by_case ON task (case_id);

-- An SMTP conversation that started and whose result is not recorded yet. Written and committed
-- before the desk talks to the server; removed in the transaction that records the result. A row
-- found by the next sender means the last attempt ended in a crash: the server may have the mail.
CREATE TABLE email_attempt (
  task_id         text        PRIMARY KEY,
  started_at      timestamptz NOT NULL,
  sent_by         text        NOT NULL,
  -- Attempts that ended without an answer; the desk sends once more after one, never after two.
  in_doubt        integer     NOT NULL DEFAULT 0
);

-- Every email an SMTP server accepted: the outbox page, and the proof that a task was sent.
CREATE TABLE sent_email (
  task_id         text        PRIMARY KEY,
  message_id      text        NOT NULL,
  recipient       text        NOT NULL,
  subject         text,
  language        text        NOT NULL,
  sent_at         timestamptz NOT NULL,
  -- The replica that talked to the server.
  sent_by         text        NOT NULL,
  -- Sent again after an attempt that ended in a crash: the customer may have two copies (same Message-ID).
  resent_in_doubt boolean     NOT NULL DEFAULT false
);

-- The transactional outbox: every outcome the desk records, written in the transaction that
-- changes the task, its feedbackId fixed here. The relay publishes it until the broker has it.
CREATE TABLE feedback_outbox (
  feedback_id     text        PRIMARY KEY,
  -- The order outcomes are published in: one task's outcomes are serialised by its row lock.
  seq             bigint      GENERATED ALWAYS AS IDENTITY,
  task_id         text        NOT NULL,
  customer_id     text        NOT NULL,
  outcome         text        NOT NULL,
  -- The OutreachFeedback in its single-object Avro encoding: each try publishes the same bytes.
  payload         bytea       NOT NULL,
  recorded_at     timestamptz NOT NULL,
  published_at    timestamptz,
  publish_attempts integer    NOT NULL DEFAULT 0,
  last_error      text
);
CREATE INDEX feedback_outbox_unpublished ON feedback_outbox (seq) WHERE published_at IS NULL;
CREATE INDEX feedback_outbox_by_task ON feedback_outbox (task_id);

-- What the desk knows of each customer from crm.relationships.v1: consent flags, do-not-contact and
-- the time zone (for quiet hours), nothing else. An erased customer stays as a row that refuses everything.
CREATE TABLE customer (
  customer_id     text        PRIMARY KEY,
  consent_email   boolean     NOT NULL,
  consent_phone   boolean     NOT NULL,
  consent_letter  boolean     NOT NULL,
  consent_whatsapp boolean    NOT NULL,
  consent_visit   boolean     NOT NULL,
  do_not_contact  boolean     NOT NULL,
  timezone        text,
  erased          boolean     NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL
);

-- How complete the desk's copy of each crm.relationships.v1 partition is: at caught_up_at, the
-- desk had applied everything committed on that partition. Written by whichever replica reads it.
CREATE TABLE crm_feed (
  crm_partition   integer     PRIMARY KEY,
  caught_up_at    timestamptz NOT NULL,
  read_by         text        NOT NULL
);

-- The latest status of each case, from winback.cases.v1.
CREATE TABLE case_status (
  case_id         text        PRIMARY KEY,
  status          text        NOT NULL,
  status_reason   text,
  updated_at      timestamptz NOT NULL
);

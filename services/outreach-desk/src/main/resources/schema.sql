-- The desk's worklist: tasks from the task topics, what became of them, and what the desk needs to
-- execute them safely. One row per taskId, so a re-delivered task is never shown twice.
CREATE TABLE IF NOT EXISTS task (
  task_id         VARCHAR(80)  PRIMARY KEY,
  case_id         VARCHAR(80)  NOT NULL,
  customer_id     VARCHAR(120) NOT NULL,
  channel         VARCHAR(16)  NOT NULL,
  goal            VARCHAR(16)  NOT NULL,
  attempt         INT          NOT NULL,
  due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  assignee        VARCHAR(120),
  claimed_by      VARCHAR(120),
  language        VARCHAR(2)   NOT NULL,
  subject         VARCHAR(500),
  message         CLOB         NOT NULL,
  contact_json    CLOB,
  rationale_json  CLOB         NOT NULL,
  context_json    CLOB,
  policy_version  VARCHAR(40)  NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  status          VARCHAR(20)  NOT NULL,
  outcome         VARCHAR(24),
  send_attempts   INT          DEFAULT 0 NOT NULL,
  next_send_at    TIMESTAMP WITH TIME ZONE,
  last_error      VARCHAR(1000),
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS task_by_status_due ON task (status, due_at);
CREATE INDEX IF NOT EXISTS task_by_customer ON task (customer_id);

-- The latest status of each case, from winback.cases.v1.
CREATE TABLE IF NOT EXISTS case_status (
  case_id        VARCHAR(80) PRIMARY KEY,
  status         VARCHAR(24) NOT NULL,
  status_reason  VARCHAR(500),
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Consent as the CRM has it now, checked again right before any contact. Flags only, no personal data.
CREATE TABLE IF NOT EXISTS consent (
  customer_id     VARCHAR(120) PRIMARY KEY,
  email           BOOLEAN NOT NULL,
  phone           BOOLEAN NOT NULL,
  letter          BOOLEAN NOT NULL,
  whatsapp        BOOLEAN NOT NULL,
  visit           BOOLEAN NOT NULL,
  do_not_contact  BOOLEAN NOT NULL,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every email the desk handed to the SMTP server: the outbox page, and proof a task was sent.
CREATE TABLE IF NOT EXISTS outbox (
  task_id     VARCHAR(80)  PRIMARY KEY,
  message_id  VARCHAR(200) NOT NULL,
  recipient   VARCHAR(320) NOT NULL,
  subject     VARCHAR(500),
  language    VARCHAR(2)   NOT NULL,
  sent_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The customer's own door (issue 13): what customers did with their preference links, and the rate
-- limits of that door. Neither holds personal data: a task id, what was done and when, and digests.

-- Every request to the preference page, the one-click unsubscribe and the mailto unsubscribe that got
-- past the rate limit: the task its token named (NULL when the token named none: expired, altered,
-- unknown), the action (view, no_contact, written_only, phone, in_person, feedback), the door (page,
-- one_click, mail) and the result (shown, recorded, repeated, declined, invalid). The choices
-- recorded for a task are the rows with result 'recorded': the page shows the last one back.
CREATE TABLE preference_action (
  id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id         text,
  action          text        NOT NULL,
  via             text        NOT NULL,
  result          text        NOT NULL,
  at              timestamptz NOT NULL
);
CREATE INDEX preference_action_by_task ON preference_action (task_id, id) WHERE result = 'recorded';
CREATE INDEX preference_action_by_time ON preference_action (at);

-- Token buckets shared by every desk replica: one per link and one per client address, each named by
-- a keyed digest (never the token or the address itself). A bucket untouched for a day is full again
-- and removed.
CREATE TABLE preference_rate_limit (
  bucket          text        PRIMARY KEY,
  tokens          double precision NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX preference_rate_limit_by_time ON preference_rate_limit (updated_at);

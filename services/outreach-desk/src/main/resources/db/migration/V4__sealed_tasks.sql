-- Tasks whose personal fields the processor sealed with the customer's own key (OutreachTask v2):
-- the task as it arrived, in its single-object Avro encoding, sealed block included. Its contact,
-- subject, message and reasonText are then empty in the other columns; the desk opens this with
-- its key ring whenever a page, the API or the mailer needs them, and never stores them opened.
-- NULL for tasks of older processors (v1, personal fields in the clear columns) and after the
-- customer's erasure.
ALTER TABLE task ADD COLUMN sealed_task bytea;

-- Retention: finished tasks by their last change, emails by when they went out, people by their last login.
CREATE INDEX task_finished ON task (updated_at) WHERE status IN ('DONE', 'CANCELLED', 'SUPPRESSED', 'FAILED');
CREATE INDEX sent_email_by_time ON sent_email (sent_at);
CREATE INDEX feedback_outbox_published ON feedback_outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX feedback_outbox_by_customer ON feedback_outbox (customer_id);
CREATE INDEX person_last_seen ON person (last_seen_at);
CREATE INDEX case_status_by_time ON case_status (updated_at);

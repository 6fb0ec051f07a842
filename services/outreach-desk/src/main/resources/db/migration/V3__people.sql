-- The people who work at the desk, as their logins introduce them (OpenID Connect or the embedded
-- setup's local users): for names on the pages and the reassign list. Employees, no customer data.
CREATE TABLE person (
  username            text        PRIMARY KEY,
  display_name        text        NOT NULL,
  account_manager_id  text,
  roles               text        NOT NULL,
  last_seen_at        timestamptz NOT NULL
);

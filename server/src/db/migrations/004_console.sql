-- 004 console: what the coordinator's console needs (DESIGN.md, "Security and privacy";
-- docs/console.md): signed-in sessions, the audit log, people who can be deactivated, and the
-- structure's own settings (type, commune). Every key starts with structure_id ("Scale").
--
-- Passwords: users.password_hash (001) holds the Argon2id hash (PHC string) of a coordinator's
-- password; it is set when the coordinator exchanges a one-time code in the console.

-- A deactivated person keeps their records but can no longer sign in, enrol or sync: their
-- devices are revoked and their unused codes expired at the same moment.
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
ALTER TABLE users ADD COLUMN password_set_at timestamptz;

ALTER TABLE structures ADD COLUMN structure_type text CHECK (structure_type IS NULL OR length(structure_type) <= 120);
ALTER TABLE structures ADD COLUMN commune text CHECK (commune IS NULL OR length(commune) <= 120);
ALTER TABLE structures ADD COLUMN commune_postcode text CHECK (commune_postcode IS NULL OR commune_postcode ~ '^[0-9]{5}$');

-- A console session: the cookie carries <structureId>.<sessionId>.<secret>; only the SHA-256 of
-- the secret is stored, so a stolen database opens no session. Sessions expire (expires_at) and
-- are ended by signing out, by a password change and by deactivation (ended_at).
CREATE TABLE console_sessions (
  structure_id text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  id           text        NOT NULL,
  user_id      text        NOT NULL,
  secret_hash  text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  PRIMARY KEY (structure_id, id),
  FOREIGN KEY (structure_id, user_id) REFERENCES users (structure_id, id) ON DELETE CASCADE
);

CREATE INDEX console_sessions_user_idx ON console_sessions (structure_id, user_id);

-- Who did what in the console and when: sign-ins, codes issued, devices revoked, exports,
-- settings changed. `details` holds names, periods and setting values, never a password, a
-- token, a code or a record's notes. The actor's name is copied so the line stays readable.
CREATE TABLE audit_events (
  structure_id  text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  id            text        NOT NULL,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_user_id text,
  actor_name    text        NOT NULL DEFAULT '',
  action        text        NOT NULL CHECK (length(action) <= 40),
  details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (structure_id, id)
);

CREATE INDEX audit_events_at_idx ON audit_events (structure_id, at DESC);

-- The report and the exports read a structure's records by date and table.
CREATE INDEX records_structure_table_date_idx ON records (structure_id, table_name, record_date, id);

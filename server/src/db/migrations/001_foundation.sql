-- 001 foundation: tenancy (structures, users, devices, enrolment codes) and the sync store
-- (records, their replaced versions, rejected mutations). See docs/server.md and DESIGN.md.
--
-- Structures are tenants: every tenant table carries structure_id, and references between
-- tenant rows go through (structure_id, id) so the database itself refuses, say, a device of
-- one structure bound to a user of another. Ids are ULIDs made by whoever creates the row
-- (devices create records), hence text.

CREATE TABLE structures (
  id               text        PRIMARY KEY,
  name             text        NOT NULL,
  -- The structure's change counter. A push transaction increments it
  -- (UPDATE structures SET version = version + 1 ... RETURNING version) and stamps every row it
  -- writes with the result. Writers of one structure are serialised by that row lock, so a pull
  -- cursor can never move past a change number whose transaction has yet to commit (which a
  -- plain sequence would allow).
  version          bigint      NOT NULL DEFAULT 0,
  -- Records older than this are purged.
  retention_months integer     NOT NULL DEFAULT 24 CHECK (retention_months > 0),
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id            text        PRIMARY KEY,
  structure_id  text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  role          text        NOT NULL CHECK (role IN ('agent', 'volunteer', 'coordinator')),
  display_name  text        NOT NULL,
  -- Only coordinators sign in with a password (memory-hard hash); others use enrolled devices.
  password_hash text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- Target of the (structure_id, user_id) references below.
  UNIQUE (structure_id, id)
);

CREATE TABLE devices (
  id               text        PRIMARY KEY,
  structure_id     text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  user_id          text        NOT NULL,
  -- Hash of the device's long random token: a stolen database yields no usable token.
  token_hash       text        NOT NULL UNIQUE,
  -- Highest mutation id applied from this device: a push skips every mutation at or below it
  -- (replays are no-ops) and refuses a gap above it.
  last_mutation_id bigint      NOT NULL DEFAULT 0 CHECK (last_mutation_id >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  revoked_at       timestamptz,
  UNIQUE (structure_id, id),
  FOREIGN KEY (structure_id, user_id) REFERENCES users (structure_id, id) ON DELETE CASCADE
);

CREATE INDEX devices_user_idx ON devices (structure_id, user_id);

-- Short one-time codes a coordinator hands out; a device exchanges one for its token.
CREATE TABLE enrolment_codes (
  code_hash    text        PRIMARY KEY,
  structure_id text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  user_id      text        NOT NULL,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (structure_id, user_id) REFERENCES users (structure_id, id) ON DELETE CASCADE
);

-- The current version of every synced record, whatever its client table (sessions,
-- workshops, ...): the server stores the validated payload and the change number.
CREATE TABLE records (
  structure_id text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  table_name   text        NOT NULL,
  id           text        NOT NULL,
  -- A record has one author; their devices may all edit it.
  author_id    text        NOT NULL,
  -- The structure's version at the push that wrote this row; pulls return rev > cursor.
  rev          bigint      NOT NULL,
  payload      jsonb       NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- Set for a deletion: the row stays as a tombstone so pulls carry the deletion to devices.
  deleted_at   timestamptz,
  PRIMARY KEY (structure_id, table_name, id),
  FOREIGN KEY (structure_id, author_id) REFERENCES users (structure_id, id)
);

CREATE INDEX records_structure_rev_idx ON records (structure_id, rev);

-- Every version a later push replaced (two devices of one author editing one record: the later
-- push wins, and nothing is lost).
CREATE TABLE record_history (
  history_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  structure_id text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  table_name   text        NOT NULL,
  record_id    text        NOT NULL,
  author_id    text        NOT NULL,
  rev          bigint      NOT NULL,
  payload      jsonb       NOT NULL,
  updated_at   timestamptz NOT NULL,
  deleted_at   timestamptz,
  replaced_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX record_history_record_idx ON record_history (structure_id, table_name, record_id);

-- Mutations the server can never accept (invalid, another structure's ids): kept with the
-- reason so nothing is silently dropped, while the device's outbox moves on.
CREATE TABLE rejected_mutations (
  structure_id text        NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  device_id    text        NOT NULL,
  mutation_id  bigint      NOT NULL,
  -- As received; a malformed mutation may lack them.
  table_name   text,
  record_id    text,
  reason       text        NOT NULL,
  payload      jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, mutation_id),
  FOREIGN KEY (structure_id, device_id) REFERENCES devices (structure_id, id) ON DELETE CASCADE
);

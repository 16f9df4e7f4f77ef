-- 002 sync: what the push, pull and enrolment services need on top of 001 (DESIGN.md,
-- "Sync protocol" and "Scale"; docs/sync.md).
--
-- Every primary key and unique constraint of a tenant table now starts with structure_id, so
-- the tables can be distributed by structure (Citus refuses any key that leaves it out).
-- structures itself is the tenant root: its key is the structure id.
-- 001 has shipped: its single-column keys are altered here, never edited there.

-- users: (structure_id, id) becomes the primary key. The references to users go through the
-- old UNIQUE (structure_id, id), so they are dropped and remade on the new key.
ALTER TABLE devices DROP CONSTRAINT devices_structure_id_user_id_fkey;
ALTER TABLE enrolment_codes DROP CONSTRAINT enrolment_codes_structure_id_user_id_fkey;
ALTER TABLE records DROP CONSTRAINT records_structure_id_author_id_fkey;
ALTER TABLE users DROP CONSTRAINT users_pkey;
ALTER TABLE users DROP CONSTRAINT users_structure_id_id_key;
ALTER TABLE users ADD PRIMARY KEY (structure_id, id);
-- A coordinator signs in to the console with an email; agents and volunteers have none.
ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR email = lower(email));
ALTER TABLE users ADD CONSTRAINT users_structure_email_key UNIQUE (structure_id, email);

-- devices: one row per enrolment (a re-enrolled tablet gets a new row and a new id). The
-- token names its structure and device, so a request finds its row by primary key and then
-- compares the token's hash: no lookup across structures, no unique index on the hash.
ALTER TABLE rejected_mutations DROP CONSTRAINT rejected_mutations_structure_id_device_id_fkey;
ALTER TABLE devices DROP CONSTRAINT devices_pkey;
ALTER TABLE devices DROP CONSTRAINT devices_structure_id_id_key;
ALTER TABLE devices DROP CONSTRAINT devices_token_hash_key;
ALTER TABLE devices ADD PRIMARY KEY (structure_id, id);
ALTER TABLE devices ADD COLUMN name text NOT NULL DEFAULT '' CHECK (length(name) <= 100);
ALTER TABLE devices ADD COLUMN last_push_at timestamptz;
ALTER TABLE devices ADD COLUMN last_pull_at timestamptz;
ALTER TABLE devices
  ADD CONSTRAINT devices_user_fkey FOREIGN KEY (structure_id, user_id) REFERENCES users (structure_id, id) ON DELETE CASCADE;

-- enrolment_codes: keyed by structure. A code is looked up by its hash at enrolment (the one
-- lookup that does not know the structure yet: a plain index, not a unique one); the device
-- row it creates is remembered so a code can never be used twice.
ALTER TABLE enrolment_codes DROP CONSTRAINT enrolment_codes_pkey;
ALTER TABLE enrolment_codes ADD PRIMARY KEY (structure_id, code_hash);
ALTER TABLE enrolment_codes ADD COLUMN device_id text;
ALTER TABLE enrolment_codes
  ADD CONSTRAINT enrolment_codes_user_fkey FOREIGN KEY (structure_id, user_id) REFERENCES users (structure_id, id) ON DELETE CASCADE;
CREATE INDEX enrolment_codes_hash_idx ON enrolment_codes (code_hash);

-- records: the schema version the payload was written in, the record's own date (retention
-- purges by it), who may pull it, and which device mutation wrote it. One change number per
-- applied mutation: (structure_id, rev) is unique, and pulls read in that order.
ALTER TABLE records
  ADD CONSTRAINT records_author_fkey FOREIGN KEY (structure_id, author_id) REFERENCES users (structure_id, id) ON DELETE CASCADE;
ALTER TABLE records ADD COLUMN schema_version integer NOT NULL DEFAULT 1 CHECK (schema_version > 0);
ALTER TABLE records ADD COLUMN record_date date;
-- 'author': only its author's devices pull it (accompaniments); 'structure': every device of
-- the structure (workshops, places).
ALTER TABLE records ADD COLUMN visibility text NOT NULL DEFAULT 'author' CHECK (visibility IN ('author', 'structure'));
ALTER TABLE records ADD COLUMN device_id text;
ALTER TABLE records ADD COLUMN mutation_id bigint;
DROP INDEX records_structure_rev_idx;
ALTER TABLE records ADD CONSTRAINT records_structure_rev_key UNIQUE (structure_id, rev);
CREATE INDEX records_structure_date_idx ON records (structure_id, record_date);

-- record_history: keyed by structure too; carries what retention needs.
ALTER TABLE record_history DROP CONSTRAINT record_history_pkey;
ALTER TABLE record_history ADD PRIMARY KEY (structure_id, history_id);
ALTER TABLE record_history ADD COLUMN schema_version integer NOT NULL DEFAULT 1;
ALTER TABLE record_history ADD COLUMN record_date date;
ALTER TABLE record_history ADD COLUMN visibility text NOT NULL DEFAULT 'author';
-- The change number and device mutation that replaced this version.
ALTER TABLE record_history ADD COLUMN replaced_by_rev bigint;
ALTER TABLE record_history ADD COLUMN replaced_by_device_id text;
ALTER TABLE record_history ADD COLUMN replaced_by_mutation_id bigint;

-- rejected_mutations: one per (structure, device, mutation id).
ALTER TABLE rejected_mutations DROP CONSTRAINT rejected_mutations_pkey;
ALTER TABLE rejected_mutations ADD PRIMARY KEY (structure_id, device_id, mutation_id);
ALTER TABLE rejected_mutations ADD COLUMN op text;
ALTER TABLE rejected_mutations ADD COLUMN schema_version integer;
ALTER TABLE rejected_mutations
  ADD CONSTRAINT rejected_mutations_device_fkey FOREIGN KEY (structure_id, device_id) REFERENCES devices (structure_id, id) ON DELETE CASCADE;

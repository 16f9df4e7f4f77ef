-- 005 activity days: the structure's per-day statistics counters, kept in step with the records
-- by the push transaction (services/activity-days.ts), so a year's report reads a few thousand
-- small rows instead of every record. The counters are the tablet's own (src/lib/activityStats.ts),
-- per author and activity kind so the report's person and kind filters read them too.

CREATE TABLE activity_days (
  structure_id text    NOT NULL REFERENCES structures (id) ON DELETE CASCADE,
  author_id    text    NOT NULL,
  day          date    NOT NULL,
  kind         text    NOT NULL CHECK (kind IN ('individuel', 'collectif')),
  counts       jsonb   NOT NULL,
  PRIMARY KEY (structure_id, author_id, day, kind)
);

CREATE INDEX activity_days_day_idx ON activity_days (structure_id, day);

-- Which version of the counting rules built a structure's counters: another version (or no row,
-- as after this migration) rebuilds them from the records, once, before the next report.
CREATE TABLE activity_days_state (
  structure_id text    PRIMARY KEY REFERENCES structures (id) ON DELETE CASCADE,
  version      integer NOT NULL
);

// The version of the stored and synced shapes: the device database's schema version (Dexie),
// carried by every sync request and outbox entry; the server accepts the versions it knows.
// Raise it with every Dexie schema version (src/db/database.ts) and every change of a record's shape.
// 3: the places directory (Dexie tables `places`, `placeCommunes`; synced table `places`) and
// the referral's `placeName`.
export const SCHEMA_VERSION = 3

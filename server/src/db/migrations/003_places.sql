-- 003 places: the départements a structure takes from the national places file
-- (PLACES_SOURCE_URL, fetched daily; docs/places.md). NULL: the structure takes nothing from it
-- (its coordinator may still import a file). The places themselves are records of the table
-- 'places' (shared with every device of the structure), written like pushed records.
ALTER TABLE structures ADD COLUMN places_departements text[]
  CHECK (places_departements IS NULL OR cardinality(places_departements) BETWEEN 1 AND 120);

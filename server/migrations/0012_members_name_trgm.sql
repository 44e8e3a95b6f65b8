-- "Name contains" on the roster: LIKE '%…%' cannot use the btree name indexes, so at a million
-- members it read every row. A trigram index answers it by index for three characters or more
-- (a full Chinese name); a one- or two-character search still scans, bounded by the page.
-- pg_trgm is a trusted extension: the database owner that runs migrations may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_name_trgm ON members USING gin (name gin_trgm_ops);

-- Per-org member counts by status and cadre flag, and a covering index that turns a subtree
-- total into an index-only range scan over org codes.
--
-- An org's code is its parent's code plus three digits, so the orgs of a subtree are exactly
-- the codes in [code, code || ':') under byte order (':' follows '9'). The text_pattern_ops
-- operators compare bytes whatever the database collation, and INCLUDE carries the counts, so
-- summing a 50,000-org subtree reads one btree range and no heap.

ALTER TABLE orgs
  ADD COLUMN probationary_count integer NOT NULL DEFAULT 0,
  ADD COLUMN cadre_count integer NOT NULL DEFAULT 0,
  ADD COLUMN probationary_cadre_count integer NOT NULL DEFAULT 0;

UPDATE orgs o SET member_count = c.n, probationary_count = c.p, cadre_count = c.c,
                  probationary_cadre_count = c.pc
  FROM (SELECT org_id, count(*)::int AS n,
               count(*) FILTER (WHERE status = 'probationary')::int AS p,
               count(*) FILTER (WHERE is_cadre)::int AS c,
               count(*) FILTER (WHERE status = 'probationary' AND is_cadre)::int AS pc
          FROM members WHERE archived_at IS NULL GROUP BY org_id) c
 WHERE o.id = c.org_id;

-- One delta per org from the rows a statement added (+1) and removed (-1).
CREATE FUNCTION apply_member_count_deltas(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  UPDATE orgs o SET member_count = o.member_count + d.n,
                    probationary_count = o.probationary_count + d.p,
                    cadre_count = o.cadre_count + d.c,
                    probationary_cadre_count = o.probationary_cadre_count + d.pc
    FROM jsonb_to_recordset(deltas) AS d(org_id bigint, n int, p int, c int, pc int)
   WHERE o.id = d.org_id
$$;

CREATE OR REPLACE FUNCTION members_count_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM apply_member_count_deltas(coalesce(jsonb_agg(d), '[]')) FROM (
    SELECT org_id, count(*) AS n,
           count(*) FILTER (WHERE status = 'probationary') AS p,
           count(*) FILTER (WHERE is_cadre) AS c,
           count(*) FILTER (WHERE status = 'probationary' AND is_cadre) AS pc
      FROM new_rows WHERE archived_at IS NULL GROUP BY org_id) d;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION members_count_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM apply_member_count_deltas(coalesce(jsonb_agg(d), '[]')) FROM (
    SELECT org_id, sum(s) AS n,
           coalesce(sum(s) FILTER (WHERE status = 'probationary'), 0) AS p,
           coalesce(sum(s) FILTER (WHERE is_cadre), 0) AS c,
           coalesce(sum(s) FILTER (WHERE status = 'probationary' AND is_cadre), 0) AS pc
      FROM (SELECT org_id, status, is_cadre, 1 AS s FROM new_rows WHERE archived_at IS NULL
            UNION ALL
            SELECT org_id, status, is_cadre, -1 AS s FROM old_rows WHERE archived_at IS NULL) x
     GROUP BY org_id) d
   WHERE d.n <> 0 OR d.p <> 0 OR d.c <> 0 OR d.pc <> 0;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION members_count_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM apply_member_count_deltas(coalesce(jsonb_agg(d), '[]')) FROM (
    SELECT org_id, -count(*) AS n,
           -count(*) FILTER (WHERE status = 'probationary') AS p,
           -count(*) FILTER (WHERE is_cadre) AS c,
           -count(*) FILTER (WHERE status = 'probationary' AND is_cadre) AS pc
      FROM old_rows WHERE archived_at IS NULL GROUP BY org_id) d;
  RETURN NULL;
END $$;

DROP INDEX orgs_code_pattern;
CREATE INDEX orgs_code_rollup ON orgs (code text_pattern_ops)
  INCLUDE (member_count, probationary_count, cadre_count, probationary_cadre_count);

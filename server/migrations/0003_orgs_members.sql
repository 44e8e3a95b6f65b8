-- Orgs and members: per-org member counts kept by the database itself, and the indexes the
-- org tree and the member list need at province scale (50,000 orgs, 1,000,000 members).
-- Plain SQL with ltree only (no pg_trgm), so it runs on any PostgreSQL 15+.

-- Direct, non-archived members of each org. Statement-level triggers on members keep it
-- exact in the same transaction as the change, whoever writes members (the services, a COPY
-- loader, test factories). Subtree totals are sums of this column over the org subtree
-- (one GiST range of org rows, never a scan of members), so a member write locks only its
-- own org's row and never queues behind the root.
ALTER TABLE orgs ADD COLUMN member_count integer NOT NULL DEFAULT 0;

UPDATE orgs o SET member_count = c.n
  FROM (SELECT org_id, count(*)::int AS n FROM members WHERE archived_at IS NULL GROUP BY org_id) c
 WHERE o.id = c.org_id;

CREATE FUNCTION members_count_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orgs o SET member_count = o.member_count + d.n
    FROM (SELECT org_id, count(*)::int AS n FROM new_rows
           WHERE archived_at IS NULL GROUP BY org_id ORDER BY org_id) d
   WHERE o.id = d.org_id;
  RETURN NULL;
END $$;

CREATE FUNCTION members_count_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orgs o SET member_count = o.member_count + d.n
    FROM (SELECT org_id, sum(n)::int AS n FROM (
            SELECT org_id, 1 AS n FROM new_rows WHERE archived_at IS NULL
            UNION ALL
            SELECT org_id, -1 AS n FROM old_rows WHERE archived_at IS NULL) x
           GROUP BY org_id HAVING sum(n) <> 0 ORDER BY org_id) d
   WHERE o.id = d.org_id;
  RETURN NULL;
END $$;

CREATE FUNCTION members_count_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orgs o SET member_count = o.member_count - d.n
    FROM (SELECT org_id, count(*)::int AS n FROM old_rows
           WHERE archived_at IS NULL GROUP BY org_id ORDER BY org_id) d
   WHERE o.id = d.org_id;
  RETURN NULL;
END $$;

CREATE TRIGGER members_count_insert AFTER INSERT ON members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION members_count_after_insert();
CREATE TRIGGER members_count_update AFTER UPDATE ON members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION members_count_after_update();
CREATE TRIGGER members_count_delete AFTER DELETE ON members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION members_count_after_delete();

-- Code-prefix search ("001002" finds that node and its subtree) needs a pattern index:
-- the UNIQUE index on code uses the database collation, which LIKE 'x%' cannot use.
CREATE INDEX orgs_code_pattern ON orgs (code text_pattern_ops);
-- Children in code order, active ones first found by parent.
CREATE INDEX orgs_parent_code ON orgs (parent_id, code);

-- Member list: each sort key with id as the tie-breaker, so a page walks an index.
CREATE INDEX members_sort_name ON members (name, id);
CREATE INDEX members_sort_joined ON members (joined_on, id);
CREATE INDEX members_sort_birth ON members (birth_date, id);
-- Open history row of a member (one at a time).
CREATE UNIQUE INDEX member_org_history_open ON member_org_history (member_id) WHERE to_date IS NULL;

-- Why an org was archived (orgs are never deleted).
ALTER TABLE orgs ADD COLUMN archive_reason text;

-- The exam submission's rollup queue row (0042) found the attempt's org by its path, twice per
-- row: about 50 µs of the ~140 µs a submission's statement costs the database per paper
-- (ADR 0035). The org is the path's last label: every writer builds a path as the parent's
-- path and the org's own id (orgs.repo insertOrg, the seed loaders), and a move rewrites only
-- the labels above. The constraint makes that a rule the database keeps, so the queue may read
-- the id off the path. The path is handled as text: pg_dump writes ltree's functions and
-- operators in ways a restore cannot always resolve (0042).

ALTER TABLE orgs ADD CONSTRAINT orgs_path_ends_in_id
  CHECK (substring(path::text FROM '[^.]+$') = id::text);

CREATE OR REPLACE FUNCTION rollup_queue_attempt_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO rollup_attempt_changes (old_campaign, old_attempt_no, old_member, old_org, old_passed,
                                      old_submitted, new_campaign, new_attempt_no, new_member,
                                      new_org, new_passed, new_submitted)
  VALUES (OLD.campaign_id, OLD.attempt_no, OLD.member_id,
          substring(OLD.org_path::text FROM '[^.]+$')::bigint, OLD.passed, OLD.submitted_at,
          NEW.campaign_id, NEW.attempt_no, NEW.member_id,
          substring(NEW.org_path::text FROM '[^.]+$')::bigint, NEW.passed, NEW.submitted_at);
  RETURN NULL;
END $$;

-- Rollup triggers with static SQL (issue 14, ADR 0026): the one trigger function of 0034 built
-- its INSERT with EXECUTE format(...), so PostgreSQL parsed and planned it on every statement
-- on a source table (about 1.4 ms per one-event transaction in bench/rollups.ts, paid by every
-- exam submission). Each source now gets three functions of its own with the INSERT written
-- out, whose plans PL/pgSQL keeps per connection. What they append is unchanged: the org move
-- skip, new minus old on update, one row per (org, metric, month) with a non-zero net delta,
-- in (org, metric, month) order.

-- Writes the insert, update and delete trigger functions of one source table, contrib being
-- the contribution call over a transition row `r`, and puts them in place of its triggers.
-- Records no facts: the rows already there were counted when the source was first installed.
CREATE FUNCTION install_rollup_source_static(target regclass, contrib text)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = target);
  op text;
  parts text;
BEGIN
  FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
    parts := concat_ws(' UNION ALL ',
      CASE WHEN op IN ('insert', 'update') THEN
        format('SELECT k.org_id, k.metric, k.month, k.delta FROM new_rows r, %s k', contrib)
      END,
      CASE WHEN op IN ('delete', 'update') THEN
        format('SELECT k.org_id, k.metric, k.month, -k.delta FROM old_rows r, %s k', contrib)
      END);
    EXECUTE format(
      $f$CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        IF current_setting('wanggui.org_move', true) = 'on' THEN
          RETURN NULL;
        END IF;
        INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
        SELECT c.org_id, o.path, c.metric, c.month, sum(c.delta)::int
          FROM (%s) c (org_id, metric, month, delta) JOIN orgs o ON o.id = c.org_id
         GROUP BY c.org_id, o.path, c.metric, c.month
        HAVING sum(c.delta) <> 0
         ORDER BY c.org_id, c.metric, c.month;
        RETURN NULL;
      END $body$
      $f$,
      'rollup_facts_' || name || '_' || op, parts);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', name || '_rollup_' || op, target);
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %s REFERENCING %s
                      FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                   name || '_rollup_' || op, upper(op), target,
                   CASE op
                     WHEN 'insert' THEN 'NEW TABLE AS new_rows'
                     WHEN 'update' THEN 'OLD TABLE AS old_rows NEW TABLE AS new_rows'
                     ELSE 'OLD TABLE AS old_rows'
                   END,
                   'rollup_facts_' || name || '_' || op);
  END LOOP;
END $$;

-- A source added later gets the static triggers too, and its rows already there counted once.
CREATE OR REPLACE FUNCTION install_rollup_source(target regclass, contrib text)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM install_rollup_source_static(target, contrib);
  EXECUTE format(
    'INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
     SELECT c.org_id, o.path, c.metric, c.month, sum(c.delta)::int
       FROM %s r, %s c JOIN orgs o ON o.id = c.org_id
      GROUP BY c.org_id, o.path, c.metric, c.month HAVING sum(c.delta) <> 0',
    target, contrib);
END $$;

SELECT install_rollup_source_static('members'::regclass,
  'rollup_contrib_member(r.org_id, r.joined_on, r.archived_at)');
SELECT install_rollup_source_static('study_attempts'::regclass,
  'rollup_contrib_attempt(r.org_path, r.passed, r.submitted_at)');
SELECT install_rollup_source_static('review_meetings'::regclass,
  'rollup_contrib_meeting(r.org_id, r.kind, r.held_on)');
SELECT install_rollup_source_static('rectification_items'::regclass,
  'rollup_contrib_rectification(r.org_id, r.created_at, r.status, r.closed_at)');
SELECT install_rollup_source_static('self_reviews'::regclass,
  'rollup_contrib_self_review(r.org_path, r.status, r.submitted_at, r.returned_at)');
SELECT install_rollup_source_static('evaluation_rounds'::regclass,
  'rollup_contrib_evaluation_round(r.org_id, r.status, r.closed_at)');
SELECT install_rollup_source_static('registry_declarations'::regclass,
  'rollup_contrib_declaration(r.campaign_id, r.created_at)');
SELECT install_rollup_source_static('cases'::regclass,
  'rollup_contrib_case(r.org_id, r.case_type, r.opened_on, r.closed_on, r.erased_on)');
SELECT install_rollup_source_static('commendations'::regclass,
  'rollup_contrib_commendation(r.org_path, r.state, r.approved_on)');
SELECT install_rollup_source_static('study_campaigns'::regclass,
  'rollup_contrib_campaign(r.org_id, r.status, r.published_at)');

DROP FUNCTION rollup_record_facts();

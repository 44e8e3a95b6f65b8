-- A submission scores against the paper's key: each question's id, type and answer. Taking
-- that out of the stored paper at every submission cost about 60 µs of database CPU a paper
-- (docs/benchmarks.md, "The key read at submission"), paid in the deadline rush when the
-- database is busiest. The key is now taken out once, when the sitting starts, and kept
-- beside the paper.
--
-- The database derives it, not the caller: a trigger overwrites whatever an INSERT gives, so
-- the key cannot disagree with the paper the member was shown. Not a generated column:
-- PostgreSQL 15 recomputes those on every UPDATE of the row, and every autosave updates it.
-- A paper that is not a list (none is written so, but a row from a hand-made load may be) has
-- an empty key, so this migration cannot fail on one.

CREATE FUNCTION study_paper_key(paper jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', e -> 'id', 'type', e -> 'type',
                                               'answer', e -> 'answer') ORDER BY n), '[]')
    FROM jsonb_array_elements(CASE jsonb_typeof(paper) WHEN 'array' THEN paper ELSE '[]' END)
         WITH ORDINALITY AS x (e, n)
$$;

ALTER TABLE study_attempts ADD COLUMN answer_key jsonb;

CREATE FUNCTION study_attempts_answer_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.answer_key := study_paper_key(NEW.paper);
  RETURN NEW;
END $$;

-- OF paper: an autosave or a submission names no paper and does not fire it.
CREATE TRIGGER study_attempts_answer_key BEFORE INSERT OR UPDATE OF paper, answer_key
  ON study_attempts FOR EACH ROW EXECUTE FUNCTION study_attempts_answer_key();

-- Fires the trigger above for every existing sitting. The rollup queue's trigger compares
-- other columns, so nothing is queued.
UPDATE study_attempts SET paper = paper;

ALTER TABLE study_attempts ALTER COLUMN answer_key SET NOT NULL;

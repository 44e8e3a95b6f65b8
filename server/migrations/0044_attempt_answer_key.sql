-- A submission scores against the paper's key: each question's id, type and answer. Taking
-- that out of the stored paper at every submission cost 30–50 µs of database time a paper
-- (bench/submission-statements.ts), paid in the deadline rush when the database is busiest.
-- The key is now taken out once, when the sitting starts.
--
-- The database derives it, not the caller: triggers write it from the paper on insert and
-- whenever the paper changes, so the key cannot disagree with the paper the member was shown.
-- It lives in a table of its own, not in a column of study_attempts: stored beside the paper
-- it made every attempt row ~700 bytes wider (a key this small is not compressed), and every
-- autosave and submission rewrites the whole row. Not a generated column either: PostgreSQL
-- 15 recomputes those on every UPDATE of the row.

-- A paper that is not a list (none is written so, but a row from a hand-made load may be) has
-- an empty key, so this migration cannot fail on one.
CREATE FUNCTION study_paper_key(paper jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('id', e -> 'id', 'type', e -> 'type',
                                               'answer', e -> 'answer') ORDER BY n), '[]')
    FROM jsonb_array_elements(CASE jsonb_typeof(paper) WHEN 'array' THEN paper ELSE '[]' END)
         WITH ORDINALITY AS x (e, n)
$$;

CREATE TABLE study_attempt_keys (
  attempt_id bigint PRIMARY KEY REFERENCES study_attempts (id) ON DELETE CASCADE,
  answer_key jsonb NOT NULL
);

-- Only the database writes a key, and always from the paper: whatever an INSERT or UPDATE of
-- a key row gives is replaced by the key of its attempt's paper.
CREATE FUNCTION study_attempt_keys_from_paper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.answer_key := study_paper_key((SELECT paper FROM study_attempts WHERE id = NEW.attempt_id));
  RETURN NEW;
END $$;
CREATE TRIGGER study_attempt_keys_from_paper BEFORE INSERT OR UPDATE ON study_attempt_keys
  FOR EACH ROW EXECUTE FUNCTION study_attempt_keys_from_paper();

-- A sitting that starts, or whose paper changes, has its key row written (and so derived).
CREATE FUNCTION study_attempts_answer_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO study_attempt_keys AS k (attempt_id, answer_key) VALUES (NEW.id, '[]')
  ON CONFLICT (attempt_id) DO UPDATE SET answer_key = k.answer_key;
  RETURN NULL;
END $$;
-- OF paper: an autosave or a submission names no paper and does not fire it.
CREATE TRIGGER study_attempts_answer_key AFTER INSERT OR UPDATE OF paper ON study_attempts
  FOR EACH ROW EXECUTE FUNCTION study_attempts_answer_key();

INSERT INTO study_attempt_keys (attempt_id, answer_key) SELECT id, '[]' FROM study_attempts;

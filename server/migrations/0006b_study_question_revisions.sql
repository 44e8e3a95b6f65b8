-- Editing a question that members may already have been asked never changes it in place: the
-- edit is a new row (a revision) that waits for review like any draft, and approving it retires
-- the question it revises. Past papers keep their own copy; results keep pointing at the
-- wording the member actually saw.
ALTER TABLE study_questions ADD COLUMN revision_of bigint REFERENCES study_questions (id);

-- One revision awaiting review per question, so two editors cannot race two rewrites past
-- the reviewer.
CREATE UNIQUE INDEX study_questions_open_revision ON study_questions (revision_of)
  WHERE status IN ('draft', 'flagged');

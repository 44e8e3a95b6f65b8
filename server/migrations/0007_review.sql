-- Self-review meetings (组织生活会 / 民主生活会), rectification lists and 民主评议党员 (Art 27).
-- Every table carries the org path of the meeting or round, so scoped lists need no join.

CREATE TABLE review_meetings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- branch_life: 组织生活会 of a branch; leadership_life: 民主生活会 of a leadership team.
  kind text NOT NULL CHECK (kind IN ('branch_life', 'leadership_life')),
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  org_name text NOT NULL,
  held_on date NOT NULL,
  topic text NOT NULL CHECK (char_length(topic) BETWEEN 1 AND 200),
  location text NOT NULL DEFAULT '',
  minutes text NOT NULL DEFAULT '',
  -- Default due date of the rectification items that gaps of this meeting open.
  rectify_by date NOT NULL,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (rectify_by >= held_on)
);
CREATE INDEX review_meetings_path ON review_meetings USING gist (org_path);
CREATE INDEX review_meetings_held ON review_meetings (held_on);

-- 应到 are all rows; 实到 are the rows with present = true. Names are copied so the record of
-- a past meeting reads the same after a member moves away.
CREATE TABLE review_attendees (
  meeting_id bigint NOT NULL REFERENCES review_meetings (id),
  member_id bigint NOT NULL REFERENCES members (id),
  member_name text NOT NULL,
  is_cadre boolean NOT NULL,
  position text,
  present boolean NOT NULL DEFAULT true,
  absence_reason text,
  PRIMARY KEY (meeting_id, member_id),
  CHECK (present OR absence_reason IS NOT NULL)
);
CREATE INDEX review_attendees_member ON review_attendees (member_id);

-- Files are stored once per SHA-256 under the data dir; this row names one in a meeting.
CREATE TABLE review_attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES review_meetings (id),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL,
  size_bytes bigint NOT NULL,
  uploaded_by bigint REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_attachments_meeting ON review_attachments (meeting_id);

CREATE TABLE self_reviews (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES review_meetings (id),
  member_id bigint NOT NULL REFERENCES members (id),
  org_path ltree NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned')),
  -- 基本情况: the member's own summary at the head of the 对照检查材料.
  overview text NOT NULL DEFAULT '',
  return_comment text,
  submitted_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (meeting_id, member_id)
);
CREATE INDEX self_reviews_path ON self_reviews USING gist (org_path);
CREATE INDEX self_reviews_member ON self_reviews (member_id);

-- One checklist line per provision that binds the attendee, quoted as it read when drawn.
CREATE TABLE self_review_items (
  self_review_id bigint NOT NULL REFERENCES self_reviews (id),
  seq integer NOT NULL,
  provision_id bigint NOT NULL,
  article_label text NOT NULL,
  provision_text text NOT NULL,
  answer text CHECK (answer IN ('meets', 'gap')),
  problem text NOT NULL DEFAULT '',
  cause text NOT NULL DEFAULT '',
  measure text NOT NULL DEFAULT '',
  PRIMARY KEY (self_review_id, seq)
);

-- 相互批评: what one attendee said of another at the meeting, and the answer.
CREATE TABLE review_criticisms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES review_meetings (id),
  from_member_id bigint NOT NULL REFERENCES members (id),
  to_member_id bigint NOT NULL REFERENCES members (id),
  criticism text NOT NULL,
  response text NOT NULL DEFAULT '',
  recorded_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_member_id <> to_member_id)
);
CREATE INDEX review_criticisms_meeting ON review_criticisms (meeting_id);

-- 整改清单: one item per gap of a submitted self-review.
CREATE TABLE rectification_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id bigint NOT NULL REFERENCES review_meetings (id),
  self_review_id bigint NOT NULL REFERENCES self_reviews (id),
  item_seq integer NOT NULL,
  org_path ltree NOT NULL,
  owner_member_id bigint NOT NULL REFERENCES members (id),
  problem text NOT NULL,
  measure text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  evidence text,
  done_at timestamptz,
  -- The last day a reminder went out, so the daily job reminds once a day at most.
  reminded_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (self_review_id, item_seq),
  CHECK ((status = 'done') = (done_at IS NOT NULL AND evidence IS NOT NULL))
);
CREATE INDEX rectification_items_path ON rectification_items USING gist (org_path);
CREATE INDEX rectification_items_open ON rectification_items (due_on) WHERE status = 'open';

-- 民主评议党员: one round per org and year.
CREATE TABLE evaluation_rounds (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  org_name text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  UNIQUE (org_id, year)
);
CREATE INDEX evaluation_rounds_path ON evaluation_rounds USING gist (org_path);

-- The members evaluated in a round: their 个人总结 and the org's final grade.
CREATE TABLE evaluation_subjects (
  round_id bigint NOT NULL REFERENCES evaluation_rounds (id),
  member_id bigint NOT NULL REFERENCES members (id),
  member_name text NOT NULL,
  -- 预备党员 are evaluated but have no vote (党章 第七条).
  may_vote boolean NOT NULL,
  summary text NOT NULL DEFAULT '',
  suggested_grade text CHECK (suggested_grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  final_grade text CHECK (final_grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  final_reason text,
  decided_at timestamptz,
  PRIMARY KEY (round_id, member_id),
  CHECK (final_grade IS DISTINCT FROM 'incompetent' OR final_reason IS NOT NULL)
);

-- Secret ballot, see docs/adr/0006-secret-ballots.md. Who has voted on whom lives here...
CREATE TABLE evaluation_participation (
  round_id bigint NOT NULL REFERENCES evaluation_rounds (id),
  voter_member_id bigint NOT NULL REFERENCES members (id),
  subject_member_id bigint NOT NULL REFERENCES members (id),
  PRIMARY KEY (round_id, voter_member_id, subject_member_id),
  CHECK (voter_member_id <> subject_member_id)
);

-- ...and the grades live here, with no voter, no timestamp and no sequential id. The receipt
-- digest lets only the holder of the receipt (the voter's browser) change their ballot.
CREATE TABLE evaluation_ballots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id bigint NOT NULL REFERENCES evaluation_rounds (id),
  subject_member_id bigint NOT NULL REFERENCES members (id),
  grade text NOT NULL CHECK (grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  receipt_digest text NOT NULL UNIQUE
);
CREATE INDEX evaluation_ballots_subject ON evaluation_ballots (round_id, subject_member_id);

-- 处置: the follow-up a grade of 不合格 opens.
CREATE TABLE evaluation_followups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id bigint NOT NULL REFERENCES evaluation_rounds (id),
  member_id bigint NOT NULL REFERENCES members (id),
  org_path ltree NOT NULL,
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  outcome text,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, member_id)
);
CREATE INDEX evaluation_followups_path ON evaluation_followups USING gist (org_path);

-- Study (Art 22): materials, the question bank, campaigns with exams, attempts with
-- server-side autosave, daily practice scheduled with FSRS, study points. Only what members
-- do in Wanggui's own exams and practice is recorded here.

CREATE TABLE study_materials (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  kind text NOT NULL CHECK (kind IN ('article', 'file', 'link')),
  title text NOT NULL,
  url text,
  -- Uploaded files live on disk under their SHA-256; the row names them.
  file_sha256 text,
  file_name text,
  file_mime text,
  file_size integer,
  article_ids bigint[] NOT NULL DEFAULT '{}',
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'link' OR url IS NOT NULL),
  CHECK (kind <> 'file' OR file_sha256 IS NOT NULL),
  CHECK (kind <> 'article' OR cardinality(article_ids) > 0)
);
CREATE INDEX study_materials_org_path ON study_materials USING gist (org_path);

CREATE TABLE study_questions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  type text NOT NULL CHECK (type IN ('single', 'multiple', 'true_false', 'fill_blank')),
  stem text NOT NULL,
  options text[] NOT NULL DEFAULT '{}',
  -- Option indexes as strings, 'true'/'false', or the accepted fill-ins.
  answer text[] NOT NULL,
  explanation text NOT NULL,
  article_ids bigint[] NOT NULL CHECK (cardinality(article_ids) > 0),
  -- Chapter of the first cited article, for "n questions from chapter 3" paper rules.
  chapter_number integer,
  status text NOT NULL CHECK (status IN ('draft', 'approved', 'flagged', 'retired')),
  origin text NOT NULL CHECK (origin IN ('manual', 'generated', 'imported')),
  flag_reason text,
  created_by bigint REFERENCES users (id),
  reviewed_by bigint REFERENCES users (id),
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX study_questions_org_path ON study_questions USING gist (org_path);
CREATE INDEX study_questions_articles ON study_questions USING gin (article_ids);
-- A generator run twice offers a draft once.
CREATE UNIQUE INDEX study_questions_generated ON study_questions (org_id, md5(stem))
  WHERE origin = 'generated';

CREATE TABLE study_campaigns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  material_ids bigint[] NOT NULL DEFAULT '{}',
  pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
  time_limit_minutes integer NOT NULL CHECK (time_limit_minutes BETWEEN 1 AND 600),
  max_attempts integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
  -- [{ "chapter": 3 | null, "type": "single" | null, "count": 5 }]
  rules jsonb NOT NULL,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX study_campaigns_org_path ON study_campaigns USING gist (org_path);

CREATE TABLE study_material_reads (
  campaign_id bigint NOT NULL REFERENCES study_campaigns (id),
  member_id bigint NOT NULL REFERENCES members (id),
  material_id bigint NOT NULL REFERENCES study_materials (id),
  read_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, member_id, material_id)
);

-- One row per sitting. The paper (questions, option order and answer keys) is fixed when
-- the attempt starts; the key never leaves the server before submission.
CREATE TABLE study_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES study_campaigns (id),
  member_id bigint NOT NULL REFERENCES members (id),
  org_path ltree NOT NULL,
  attempt_no integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  deadline_at timestamptz NOT NULL,
  paper jsonb NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}',
  saved_at timestamptz,
  submitted_at timestamptz,
  -- 'member' when the member submitted, 'deadline' when the job closed it with saved answers.
  submitted_by text CHECK (submitted_by IN ('member', 'deadline')),
  correct integer,
  total integer,
  score integer,
  passed boolean,
  UNIQUE (campaign_id, member_id, attempt_no)
);
CREATE UNIQUE INDEX study_attempts_open ON study_attempts (campaign_id, member_id)
  WHERE submitted_at IS NULL;
CREATE INDEX study_attempts_org_path ON study_attempts USING gist (org_path);

-- FSRS memory state per member and article: the weakest articles come back soonest.
CREATE TABLE study_cards (
  member_id bigint NOT NULL REFERENCES members (id),
  article_id bigint NOT NULL REFERENCES regulation_articles (id),
  due timestamptz NOT NULL,
  card jsonb NOT NULL,
  PRIMARY KEY (member_id, article_id)
);

-- 每日一练: the day's questions are fixed at first request so a reload shows the same set.
CREATE TABLE study_practice_days (
  member_id bigint NOT NULL REFERENCES members (id),
  day date NOT NULL,
  org_path ltree NOT NULL,
  question_ids bigint[] NOT NULL,
  -- { "<questionId>": true | false }
  results jsonb NOT NULL DEFAULT '{}',
  points integer NOT NULL DEFAULT 0,
  completed boolean NOT NULL DEFAULT false,
  PRIMARY KEY (member_id, day)
);
CREATE INDEX study_practice_days_org_path ON study_practice_days USING gist (org_path);

-- Per-branch rankings are off unless an organization turns them on.
CREATE TABLE study_org_settings (
  org_id bigint PRIMARY KEY REFERENCES orgs (id),
  rankings_enabled boolean NOT NULL DEFAULT false,
  updated_by bigint REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

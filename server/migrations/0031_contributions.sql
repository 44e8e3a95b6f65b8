-- 正能量作品 and 表彰 (Art 5-8, 23, issue 12). A contribution is what a member submits about
-- their own work: the link is stored as text and never fetched, the reach is the member's own
-- figure (ADR 0025). org_path is the member's org when they submitted or were proposed, so
-- the work stays with the org it was done under, and it follows that org when the org moves.
CREATE TABLE contributions (
  id bigserial PRIMARY KEY,
  member_id bigint NOT NULL REFERENCES members (id),
  org_path ltree NOT NULL,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('article', 'video', 'post', 'reply', 'china_story', 'other')),
  link text NOT NULL CHECK (link ~* '^https?://'),
  published_on date NOT NULL,
  reported_reach bigint CHECK (reported_reach >= 0),
  description text NOT NULL,
  state text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'accepted', 'returned', 'withdrawn')),
  return_reason text,
  reviewed_by bigint REFERENCES users (id),
  reviewed_at timestamptz,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'returned' OR return_reason IS NOT NULL),
  CHECK ((state IN ('accepted', 'returned')) = (reviewed_by IS NOT NULL))
);
CREATE INDEX contributions_member ON contributions (member_id, id DESC);
CREATE INDEX contributions_queue ON contributions USING gist (org_path) WHERE state = 'pending';
SELECT install_org_path_guard('contributions'::regclass);

CREATE TABLE commendations (
  id bigserial PRIMARY KEY,
  member_id bigint NOT NULL REFERENCES members (id),
  org_path ltree NOT NULL,
  title text NOT NULL,
  level text NOT NULL
    CHECK (level IN ('branch', 'committee', 'county', 'city', 'province')),
  reason text NOT NULL,
  contribution_ids bigint[] NOT NULL CHECK (cardinality(contribution_ids) > 0),
  state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'declined')),
  proposed_by bigint NOT NULL REFERENCES users (id),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  decided_by bigint REFERENCES users (id),
  decided_at timestamptz,
  approved_on date,
  document_no text,
  decline_reason text,
  -- The organization decides: whoever proposed may not also approve (nor decline) it.
  CHECK (decided_by IS NULL OR decided_by <> proposed_by),
  CHECK (state <> 'approved' OR (approved_on IS NOT NULL AND document_no IS NOT NULL)),
  CHECK (state <> 'declined' OR decline_reason IS NOT NULL),
  CHECK ((state = 'proposed') = (decided_by IS NULL))
);
CREATE INDEX commendations_member ON commendations (member_id);
CREATE INDEX commendations_org ON commendations USING gist (org_path);
SELECT install_org_path_guard('commendations'::regclass);

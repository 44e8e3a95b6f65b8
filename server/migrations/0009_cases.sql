-- Cases (Art 21 reports, Art 24 protection; later declarations and discipline): one table of
-- cases, an append-only history of events, and the filer's identity kept apart, encrypted.

CREATE TABLE case_settings (
  org_id bigint PRIMARY KEY REFERENCES orgs (id),
  -- Art 12 forbids anonymous false accusation: anonymous reports are off unless an org says so.
  allow_anonymous boolean NOT NULL DEFAULT false,
  ack_days integer NOT NULL DEFAULT 7 CHECK (ack_days BETWEEN 1 AND 60),
  feedback_days integer NOT NULL DEFAULT 90 CHECK (feedback_days BETWEEN 7 AND 365),
  retention_days integer NOT NULL DEFAULT 1825 CHECK (retention_days BETWEEN 30 AND 36500)
);

CREATE TABLE cases (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_type text NOT NULL CHECK (case_type IN ('report', 'protection')),
  number text NOT NULL UNIQUE,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  state text NOT NULL,
  title text NOT NULL,
  handler_user_id bigint REFERENCES users (id),
  -- A member the filer named from their own scope (a report) or the member to protect.
  subject_member_id bigint REFERENCES members (id),
  -- What statistics need and nothing that identifies anyone: platform kind, provisions cited.
  -- The link, account name and description are in the first event's encrypted body.
  details jsonb NOT NULL DEFAULT '{}',
  -- Keyed digest of the normalized link, so reports on one link can be offered for merging.
  link_digest text,
  outcome text,
  -- Only the date: an exact time beside sign-in records would point at the filer.
  opened_on date NOT NULL DEFAULT cn_today(),
  ack_due_on date,
  feedback_due_on date,
  closed_on date,
  erased_on date
);
CREATE INDEX cases_scope ON cases USING gist (org_path);
CREATE INDEX cases_state ON cases (case_type, state, id DESC);
CREATE INDEX cases_subject ON cases (subject_member_id) WHERE subject_member_id IS NOT NULL;
CREATE INDEX cases_link ON cases (link_digest) WHERE link_digest IS NOT NULL;

-- Who filed: never a plain user id. `filer_digest` is a keyed digest of the user id (the key is
-- outside the database) so a filer can list their own cases; `identity` is encrypted.
CREATE TABLE case_filers (
  case_id bigint PRIMARY KEY REFERENCES cases (id),
  filer_digest text,
  identity bytea,
  anonymous boolean NOT NULL DEFAULT false
);
CREATE INDEX case_filers_digest ON case_filers (filer_digest);

CREATE TABLE case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  kind text NOT NULL,
  from_state text,
  to_state text,
  -- Internal notes stay with the handlers; messages and outcomes reach the filer.
  visible_to_filer boolean NOT NULL DEFAULT false,
  -- Null when the filer acted: their account is not written beside the case.
  actor_user_id bigint REFERENCES users (id),
  by_filer boolean NOT NULL DEFAULT false,
  body bytea,
  meta jsonb NOT NULL DEFAULT '{}',
  created_on date NOT NULL DEFAULT cn_today(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE case_files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  event_id bigint NOT NULL REFERENCES case_events (id),
  sha256 text NOT NULL,
  file_name bytea NOT NULL,
  mime text NOT NULL,
  size integer NOT NULL,
  by_filer boolean NOT NULL DEFAULT false
);
CREATE INDEX case_files_case ON case_files (case_id);

CREATE SEQUENCE case_number_seq;

-- History is append-only: a correction is a new event, never an edit. Retention erasure
-- blanks bodies through the one function allowed to, leaving the event skeleton for counts.
CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('wanggui.case_erasure', true) = 'on'
     AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER case_events_no_change BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only();

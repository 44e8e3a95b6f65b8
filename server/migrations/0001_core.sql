-- Core identity, organization tree and the audit log. Everything else references these.
CREATE EXTENSION IF NOT EXISTS ltree;

-- Business dates (离任, 入党日期, deadlines) are dates in China, whatever the server's zone.
CREATE FUNCTION cn_today() RETURNS date LANGUAGE sql STABLE
  AS $$ SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date $$;

CREATE TABLE system_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orgs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id bigint REFERENCES orgs (id),
  kind text NOT NULL CHECK (kind IN ('committee', 'general_branch', 'branch', 'group')),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  -- Party statistics code: three digits per level, e.g. 001001004.
  code text NOT NULL UNIQUE CHECK (code ~ '^([0-9]{3})+$'),
  -- Ids from the root down, e.g. 1.5.23; a subtree is one indexed `<@` predicate.
  path ltree NOT NULL UNIQUE,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((parent_id IS NULL) = (nlevel(path) = 1))
);
CREATE INDEX orgs_path_gist ON orgs USING gist (path);
CREATE INDEX orgs_parent ON orgs (parent_id);
CREATE INDEX orgs_name ON orgs (name text_pattern_ops);

CREATE TABLE members (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  -- Copy of the org's path so scoped lists need no join; rewritten when a subtree moves.
  org_path ltree NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
  gender text NOT NULL CHECK (gender IN ('male', 'female')),
  ethnicity text,
  birth_date date NOT NULL,
  -- Sensitive fields are encrypted with a key kept outside the database; lists read the masks.
  id_number_enc bytea NOT NULL,
  id_number_masked text NOT NULL,
  id_number_digest text NOT NULL UNIQUE,
  phone_enc bytea,
  phone_masked text,
  status text NOT NULL CHECK (status IN ('full', 'probationary')),
  joined_on date NOT NULL,
  confirmed_on date,
  is_cadre boolean NOT NULL DEFAULT false,
  position text,
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (birth_date < joined_on),
  CHECK (confirmed_on IS NULL OR confirmed_on >= joined_on)
);
CREATE INDEX members_org_path_gist ON members USING gist (org_path);
CREATE INDEX members_org ON members (org_id);
CREATE INDEX members_name ON members (name text_pattern_ops);

CREATE TABLE member_org_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id bigint NOT NULL REFERENCES members (id),
  org_id bigint NOT NULL REFERENCES orgs (id),
  from_date date NOT NULL,
  to_date date,
  reason text,
  recorded_by bigint
);
CREATE INDEX member_org_history_member ON member_org_history (member_id, from_date);

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{2,31}$'),
  display_name text NOT NULL,
  member_id bigint REFERENCES members (id),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT true,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  totp_secret_enc bytea,
  totp_enabled_at timestamptz,
  pi_consent_at timestamptz,
  pi_consent_version text,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (lower(username));

CREATE TABLE user_recovery_codes (
  user_id bigint NOT NULL REFERENCES users (id),
  code_digest text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_digest)
);

CREATE TABLE role_grants (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('member', 'secretary', 'discipline_officer',
    'propaganda_officer', 'system_admin', 'security_admin', 'audit_admin')),
  org_id bigint NOT NULL REFERENCES orgs (id),
  starts_on date NOT NULL DEFAULT cn_today(),
  ends_on date,
  granted_by bigint REFERENCES users (id),
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX role_grants_user ON role_grants (user_id);

CREATE TABLE sessions (
  -- Only a digest of the cookie's token is stored, so a database read cannot hijack a session.
  token_digest text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('password_change', 'totp_enrol', 'totp', 'active')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Append-only. Business transactions insert rows with no hash; a sealer chains committed
-- rows in the order it sees them (chain_seq), so writers never queue behind one chain row.
CREATE TABLE audit_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id bigint,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  org_path ltree,
  before jsonb,
  after jsonb,
  request_id text,
  ip text,
  chain_seq bigint UNIQUE,
  prev_hash text,
  hash text
);
CREATE INDEX audit_events_unsealed ON audit_events (id) WHERE chain_seq IS NULL;
CREATE INDEX audit_events_org_path ON audit_events USING gist (org_path);
CREATE INDEX audit_events_occurred ON audit_events (occurred_at);

CREATE TABLE audit_chain_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  chain_seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_events is append-only';
  END IF;
  IF OLD.chain_seq IS NOT NULL
     OR (to_jsonb(NEW) - 'chain_seq' - 'prev_hash' - 'hash')
        IS DISTINCT FROM (to_jsonb(OLD) - 'chain_seq' - 'prev_hash' - 'hash') THEN
    RAISE EXCEPTION 'audit_events is append-only';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_guard();

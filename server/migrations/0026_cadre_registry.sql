-- 党员干部网络公众账号登记 (Art 20) and its annual re-attestation: what each cadre declares
-- about the public accounts they run, and nothing else (no account is looked up online).
-- Every change is a new row; versions and attestations are never updated or deleted.

CREATE TABLE registry_accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The cadre who declared it; scope follows the member's current org (members.org_path).
  member_id bigint NOT NULL REFERENCES members (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX registry_accounts_member ON registry_accounts (member_id, id);

CREATE TABLE registry_account_versions (
  account_id bigint NOT NULL REFERENCES registry_accounts (id),
  version integer NOT NULL CHECK (version >= 1),
  platform text NOT NULL CHECK (platform IN ('wechat_official', 'weibo', 'douyin', 'channels',
    'bilibili', 'toutiao', 'other')),
  -- The platform's name when it is 'other'.
  platform_other text CHECK (char_length(platform_other) BETWEEN 1 AND 50),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  handle text NOT NULL CHECK (char_length(handle) BETWEEN 1 AND 100),
  link text CHECK (char_length(link) BETWEEN 1 AND 500),
  ownership text NOT NULL CHECK (ownership IN ('personal', 'unit')),
  -- The unit an account is run for, when it is a unit's.
  unit_name text CHECK (char_length(unit_name) BETWEEN 1 AND 100),
  purpose text NOT NULL CHECK (char_length(purpose) BETWEEN 1 AND 500),
  since date NOT NULL,
  co_managers text NOT NULL DEFAULT '' CHECK (char_length(co_managers) <= 200),
  -- 'closed': the cadre no longer runs it (注销 or handed over); the row stays as history.
  status text NOT NULL CHECK (status IN ('active', 'closed')),
  change_note text CHECK (char_length(change_note) BETWEEN 1 AND 200),
  recorded_by bigint NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, version),
  CHECK ((platform = 'other') = (platform_other IS NOT NULL)),
  CHECK ((ownership = 'unit') = (unit_name IS NOT NULL))
);

CREATE TABLE registry_attestation_campaigns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  due_on date NOT NULL,
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year)
);
CREATE INDEX registry_attestation_campaigns_path ON registry_attestation_campaigns
  USING gist (org_path);

CREATE TABLE registry_attestations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES registry_attestation_campaigns (id),
  member_id bigint NOT NULL REFERENCES members (id),
  signed_by bigint NOT NULL REFERENCES users (id),
  -- The accounts and versions the cadre confirmed, as they stood: [{id, version}].
  confirmed jsonb NOT NULL,
  statement text NOT NULL,
  signed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, member_id)
);

CREATE FUNCTION registry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: add a new version instead', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER registry_account_versions_append_only
  BEFORE UPDATE OR DELETE ON registry_account_versions
  FOR EACH ROW EXECUTE FUNCTION registry_append_only();
CREATE TRIGGER registry_attestations_append_only
  BEFORE UPDATE OR DELETE ON registry_attestations
  FOR EACH ROW EXECUTE FUNCTION registry_append_only();
CREATE TRIGGER registry_accounts_append_only
  BEFORE UPDATE OR DELETE ON registry_accounts
  FOR EACH ROW EXECUTE FUNCTION registry_append_only();

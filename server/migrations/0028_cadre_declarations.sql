-- 报告事项 of 党员干部 (Art 18, 19): per campaign, each cadre declares the 网络虚拟财物 received
-- through their office and how it was handed over, and any online lending or live-streaming
-- sales in their official capacity with the approval it had, or that there were none.
-- Declarations, their amendments and the overseers' findings are append-only.

CREATE TABLE registry_declaration_campaigns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  kind text NOT NULL CHECK (kind IN ('annual', 'ad_hoc')),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  period_from date NOT NULL,
  period_to date NOT NULL,
  due_on date NOT NULL,
  created_by bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_from <= period_to)
);
CREATE INDEX registry_declaration_campaigns_path ON registry_declaration_campaigns
  USING gist (org_path);

CREATE TABLE registry_declarations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES registry_declaration_campaigns (id),
  member_id bigint NOT NULL REFERENCES members (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, member_id)
);

CREATE TABLE registry_declaration_versions (
  declaration_id bigint NOT NULL REFERENCES registry_declarations (id),
  version integer NOT NULL CHECK (version >= 1),
  -- [{kind, description, source, receivedOn, handover, handedOverOn}]; empty means none.
  assets jsonb NOT NULL,
  -- [{kind, description, platform, period, approval}]; empty means none.
  activities jsonb NOT NULL,
  note text CHECK (char_length(note) <= 500),
  change_note text CHECK (char_length(change_note) <= 200),
  recorded_by bigint NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (declaration_id, version),
  CHECK (jsonb_typeof(assets) = 'array' AND jsonb_typeof(activities) = 'array')
);

-- What a secretary or discipline officer noted on reading a declaration; a finding marked
-- for a case is where a discipline case may be opened from (the cases module reads it).
CREATE TABLE registry_declaration_findings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  declaration_id bigint NOT NULL REFERENCES registry_declarations (id),
  version integer NOT NULL,
  finding text NOT NULL CHECK (char_length(finding) BETWEEN 2 AND 2000),
  refer_to_case boolean NOT NULL,
  recorded_by bigint NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (declaration_id, version) REFERENCES registry_declaration_versions
);
CREATE INDEX registry_declaration_findings_declaration
  ON registry_declaration_findings (declaration_id);

CREATE TRIGGER registry_declarations_append_only
  BEFORE UPDATE OR DELETE ON registry_declarations
  FOR EACH ROW EXECUTE FUNCTION registry_append_only();
CREATE TRIGGER registry_declaration_versions_append_only
  BEFORE UPDATE OR DELETE ON registry_declaration_versions
  FOR EACH ROW EXECUTE FUNCTION registry_append_only();
CREATE TRIGGER registry_declaration_findings_append_only
  BEFORE UPDATE OR DELETE ON registry_declaration_findings
  FOR EACH ROW EXECUTE FUNCTION registry_append_only();

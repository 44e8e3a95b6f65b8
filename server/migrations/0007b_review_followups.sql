-- Gaps left by 0007: evidence files for rectification items, and closing a 处置 follow-up.

-- Evidence as a file beside the text: the bytes live once per SHA-256 under the data dir (as
-- meeting attachments do); this row names one for an item. org_path is copied from the item
-- so a scoped read needs no join.
CREATE TABLE rectification_evidence_files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rectification_id bigint NOT NULL REFERENCES rectification_items (id),
  org_path ltree NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  file_name text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 200),
  mime text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  uploaded_by bigint REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rectification_evidence_files_item ON rectification_evidence_files (rectification_id);

-- 处置: what the organization did (谈话提醒, 限期改正, 劝其退党 ...) and who closed it when.
-- A follow-up closed because the grade changed keeps closed_by NULL: no one closed it by hand.
ALTER TABLE evaluation_followups
  ADD COLUMN measures text,
  ADD COLUMN closed_by bigint REFERENCES users (id),
  ADD COLUMN closed_at timestamptz;
CREATE INDEX evaluation_followups_open ON evaluation_followups (org_path) WHERE status = 'open';

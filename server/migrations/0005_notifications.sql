-- In-app notifications (reminders, returns for revision, overdue items) with read receipts.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  -- Where the web app takes the reader, e.g. /study/campaigns/12.
  link text,
  -- What sent it, so the sender can see who has read it.
  source_type text,
  source_id text,
  org_path ltree,
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_source ON notifications (source_type, source_id);

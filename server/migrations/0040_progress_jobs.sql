-- Long tasks a user starts and then polls (a 100,000-row roster preview or import; issue 10,
-- ADR 0030). The record lives here rather than in the memory of the process that runs the
-- task, so a poll reaching another server process, or the same one after a restart, finds it.
-- process_key names the running process by its liveness lock (LOCK_CLASS 4242003, see
-- platform/jobs/process-lock.ts): a running job whose process no longer holds that lock is
-- shown as interrupted.
CREATE TABLE progress_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  owner_user_id bigint NOT NULL REFERENCES users (id),
  -- The starter's org subtree for the task's permission: a poll needs both the owner and a
  -- scope over this path, so a user moved out of the org no longer reads the job.
  org_path ltree NOT NULL,
  process_key integer NOT NULL,
  state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
  stage text NOT NULL DEFAULT 'queued',
  done integer NOT NULL DEFAULT 0,
  total integer,
  -- The task's answer, as the poll returns it (a preview's issues and sample).
  result jsonb,
  -- {status, code, text: {zh-CN, en-US}, field}: shown in the poller's language.
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK ((state = 'running') = (finished_at IS NULL))
);
-- One running task per user and kind, across every server process.
CREATE UNIQUE INDEX progress_jobs_one_running ON progress_jobs (owner_user_id, kind)
  WHERE state = 'running';
CREATE INDEX progress_jobs_created ON progress_jobs (created_at);
SELECT install_org_path_guard('progress_jobs'::regclass);

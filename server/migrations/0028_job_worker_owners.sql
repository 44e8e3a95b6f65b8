-- Which server process runs each graphile-worker worker, so a process that starts can tell the
-- workers of a process that died (kill -9, power loss) from those of one still running, and
-- release the jobs the dead one held at once instead of after graphile-worker's 4 hours.
-- A process is alive while it holds the session advisory lock (4242003, process_key).
CREATE TABLE job_worker_owners (
  worker_id text PRIMARY KEY,
  process_key integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_worker_owners_process ON job_worker_owners (process_key);

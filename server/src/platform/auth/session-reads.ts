import { batchQueries, type Queryable } from "../db/pool.ts";
import {
  digestToken,
  endSession,
  IDLE_TIMEOUT_MS,
  type SessionLookup,
  type SessionStage,
  TOUCH_INTERVAL_MS,
} from "./sessions.ts";

interface Row {
  token_digest: string;
  user_id: number;
  csrf_token: string;
  stage: SessionStage;
  last_seen_at: Date;
  expires_at: Date;
  mfa_at: Date | null;
  auth_version: number;
  disabled: boolean;
  epoch: number;
  today: string;
  now: Date;
}

// A named statement on the connections that plan generically (batchQueries): parsed and
// planned once per connection, not on each request.
const READ_SQL = `SELECT s.token_digest, s.user_id, s.csrf_token, s.stage, s.last_seen_at,
            s.expires_at, s.mfa_at, u.auth_version, u.disabled_at IS NOT NULL AS disabled,
            (SELECT value FROM auth_epoch) AS epoch, cn_today()::text AS today, now() AS now
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_digest = ANY($1::text[]) AND s.ended_at IS NULL`;

interface Batch<T> {
  keys: Set<string>;
  waiters: Map<string, { resolve: (value: T) => void; reject: (error: unknown) => void }[]>;
}

/**
 * Collects the keys asked for while the event loop handles one round of input and answers them
 * with one query, issued after every request in the round has arrived.
 */
class Batcher<T> {
  private pending: Batch<T> | null = null;

  constructor(private readonly run: (keys: string[]) => Promise<Map<string, T>>) {}

  ask(key: string): Promise<T> {
    if (!this.pending) {
      const batch: Batch<T> = { keys: new Set(), waiters: new Map() };
      this.pending = batch;
      // setImmediate, not nextTick: it runs after the poll phase, so requests whose sockets
      // were readable in the same round share the query.
      setImmediate(() => this.flush(batch));
    }
    const batch = this.pending;
    batch.keys.add(key);
    return new Promise<T>((resolve, reject) => {
      const list = batch.waiters.get(key) ?? [];
      list.push({ resolve, reject });
      batch.waiters.set(key, list);
    });
  }

  private flush(batch: Batch<T>) {
    this.pending = null;
    this.run([...batch.keys]).then(
      (answers) => {
        for (const [key, list] of batch.waiters)
          for (const w of list) w.resolve(answers.get(key) as T);
      },
      (error: unknown) => {
        for (const list of batch.waiters.values()) for (const w of list) w.reject(error);
      },
    );
  }
}

/**
 * Each signed-in request's single read: its session, the account's version and the org epoch.
 * Requests arriving together share one query (64 exam-takers submitting at once make a few
 * reads, not 64). Correctness is unchanged: a request's read is sent after the request arrived,
 * so it sees every sign-out, disablement or grant change committed before that.
 */
export class SessionReads {
  private readonly reads: Batcher<Row | undefined>;
  private readonly touches: Batcher<undefined>;

  constructor(private readonly db: Queryable) {
    const on = batchQueries(db);
    this.reads = new Batcher<Row | undefined>(async (digests) => {
      const found = await on.query<Row>({
        name: "wg_read_sessions",
        text: READ_SQL,
        values: [digests],
      });
      return new Map(found.rows.map((r) => [r.token_digest, r]));
    });
    this.touches = new Batcher<undefined>(async (digests) => {
      await on.query({
        name: "wg_sessions_seen",
        text: "UPDATE sessions SET last_seen_at = now() WHERE token_digest = ANY($1::text[])",
        values: [digests],
      });
      return new Map();
    });
  }

  /**
   * Finds a live session and slides its idle window. A session past either timeout, or of a
   * disabled account, is ended here, so it cannot be revived by a later request.
   */
  async lookup(token: string): Promise<SessionLookup> {
    const digest = digestToken(token);
    const row = await this.reads.ask(digest);
    if (!row) return { status: "missing" };
    const now = row.now.getTime();
    const status = row.disabled
      ? "disabled"
      : now >= row.expires_at.getTime()
        ? "expired"
        : now - row.last_seen_at.getTime() >= IDLE_TIMEOUT_MS
          ? "idle"
          : "ok";
    if (status !== "ok") {
      await endSession(this.db, token);
      return { status };
    }
    // The idle clock counts in tens of minutes, so a request within a minute of the last
    // refresh need not write: a busy user commits one update a minute at most.
    if (now - row.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) await this.touches.ask(digest);
    return {
      status: "ok",
      session: {
        userId: row.user_id,
        csrfToken: row.csrf_token,
        stage: row.stage,
        lastSeenAt: row.now,
        expiresAt: row.expires_at,
        mfaAt: row.mfa_at,
        authVersion: row.auth_version,
        authEpoch: row.epoch,
        today: row.today,
      },
    };
  }
}

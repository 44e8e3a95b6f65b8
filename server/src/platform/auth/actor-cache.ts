import type { Queryable } from "../db/pool.ts";
import { type AccountState, type Actor, loadSignedIn } from "./actor.ts";
import type { SessionState } from "./sessions.ts";

export interface SignedIn {
  actor: Actor;
  account: AccountState;
}

interface Entry extends SignedIn {
  stamp: string;
}

const MAX_ENTRIES = 20_000;

/**
 * The signed-in actor kept in memory between requests. An entry is used only while the
 * account's version, the org epoch and the China date it was loaded under are the ones the
 * request's session read just returned, so a grant, password change, disablement, consent or
 * org move is seen by the very next request, in every server process on the database.
 */
export class ActorCache {
  private readonly entries = new Map<number, Entry>();

  async get(db: Queryable, session: SessionState): Promise<SignedIn | null> {
    const stamp = `${session.authVersion}:${session.authEpoch}:${session.today}`;
    const hit = this.entries.get(session.userId);
    if (hit && hit.stamp === stamp) return hit;
    const loaded = await loadSignedIn(db, session.userId);
    if (!loaded) {
      this.entries.delete(session.userId);
      return null;
    }
    // Map keeps insertion order: dropping the oldest entry bounds memory without a timer.
    if (!hit && this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(session.userId, { ...loaded, stamp });
    return loaded;
  }

  get size() {
    return this.entries.size;
  }
}

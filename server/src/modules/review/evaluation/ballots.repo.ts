import type { Queryable } from "../../../platform/db/pool.ts";

/**
 * Plaintext ballots of rounds opened before encrypted voting (ADR 0006, superseded by 0007):
 * nothing writes them any more; closing vacuums the tables so old row versions of those
 * rounds do not linger in the table files.
 */
export async function vacuumBallots(db: Queryable) {
  await db.query("VACUUM evaluation_ballots, evaluation_participation");
}

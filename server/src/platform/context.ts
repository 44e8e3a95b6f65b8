import type { CheckpointLog } from "./audit/checkpoints.ts";
import type { Config } from "./config.ts";
import type { FieldCipher } from "./crypto.ts";
import type { Db } from "./db/pool.ts";

/** What every module gets from start-up: the pool, the settings and the field cipher. */
export interface AppContext {
  db: Db;
  config: Config;
  cipher: FieldCipher;
  /** Signs audit checkpoints outside the database; absent in tests that do not anchor. */
  checkpoints?: CheckpointLog;
}

// A worker thread starts without the main thread's TypeScript loader (Node 20 does not pass
// module hooks on), so it registers its own, then loads the TypeScript entry it was given.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

// A synthetic-seed worker: makes and encrypts the member blocks it is sent, one at a time, so
// the main thread only streams finished COPY text to PostgreSQL.
import { parentPort, workerData } from "node:worker_threads";
import { FieldCipher } from "../platform/crypto.ts";
import { type BlockPlan, type MemberBlock, memberBlockText } from "./member-block.ts";

const cipher = FieldCipher.fromWorkerRing(workerData.keys);
const plan = workerData.plan as BlockPlan;

parentPort?.on("message", (job: MemberBlock) => {
  parentPort?.postMessage({ kind: "block", text: memberBlockText(cipher, plan, job) });
});
parentPort?.postMessage({ kind: "ready" });

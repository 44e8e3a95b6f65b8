import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { type Db, withTx } from "../db/pool.ts";
import { scheduleJob } from "./schedule.ts";

let db: Db;
beforeAll(async () => {
  ({ db } = await testDatabase());
});

const queued = async () =>
  (await db.query("SELECT task_identifier, key FROM graphile_worker.jobs ORDER BY id")).rows;

describe("scheduleJob", () => {
  it("queues with the business transaction and vanishes when it rolls back", async () => {
    await withTx(db, (tx) =>
      scheduleJob(tx, "report.acknowledge_due", { reportId: 1 }, { jobKey: "report:1" }),
    );
    await expect(
      withTx(db, async (tx) => {
        await scheduleJob(tx, "report.acknowledge_due", { reportId: 2 }, { jobKey: "report:2" });
        throw new Error("举报登记失败");
      }),
    ).rejects.toThrow("举报登记失败");
    expect(await queued()).toEqual([
      { task_identifier: "report.acknowledge_due", key: "report:1" },
    ]);
  });

  it("replaces a pending job with the same key instead of adding a second", async () => {
    await withTx(db, (tx) =>
      scheduleJob(
        tx,
        "report.acknowledge_due",
        { reportId: 1, again: true },
        { jobKey: "report:1" },
      ),
    );
    expect(await queued()).toHaveLength(1);
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { Writable } from "node:stream";
import { combineShares, type EncryptedBallot, GRADE_ORDER, partialDecrypt } from "@wanggui/ballot";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../../../test/db.ts";
import { walBytesBetween, walPosition } from "../../../../test/wal.ts";
import { buildApp } from "../../../app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree } from "../review.fixtures.ts";
import type { Grade } from "../review.schemas.ts";
import {
  decryptAs,
  type KeyedRound,
  openKeyedRound,
  sealedVote,
  vote,
} from "./evaluation.fixtures.ts";

/**
 * Plays the insiders of docs/adr/0015-encrypted-ballots.md against a round with known votes:
 * a superuser reading the table file and the WAL, a backup holder diffing two dumps, the
 * server operator reading its own log, the trustees with and without the database, and a
 * network observer measuring requests.
 */
let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let round: KeyedRound;
const log: string[] = [];
const wal = { start: "", end: "" };
const dumps = { before: "", after: "" };
/** What each voter really voted, as the attacker would like to learn it. */
const truth = new Map<string, Grade>();

const secrets = () => round.trustees.map((x) => x.key.secret);
const sql = async <T extends object>(text: string, params: unknown[] = []) =>
  (await ctx.db.query<T>(text, params)).rows;

beforeAll(async () => {
  ctx = await testContext();
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      log.push(String(chunk));
      done();
    },
  });
  app = await buildApp(ctx, { logger: true, logStream });
  await app.ready();
  t = await reviewTree(ctx);
  round = await openKeyedRound(app, t, 2025);
  await ctx.db.query("CHECKPOINT");
  wal.start = await walPosition(ctx.db);
  const plan: [Caller, number, number, Grade][] = [
    [t.member, t.self.id, t.liu.id, "excellent"],
    [t.member, t.self.id, t.chen.id, "competent"],
    [t.chenCaller, t.chen.id, t.liu.id, "basically_competent"],
    [t.chenCaller, t.chen.id, t.cadre.id, "excellent"],
    [t.branchSecretary, t.cadre.id, t.liu.id, "competent"],
    [t.branchSecretary, t.cadre.id, t.chen.id, "incompetent"],
    [t.liuCaller, t.liu.id, t.chen.id, "excellent"],
    [t.liuCaller, t.liu.id, t.cadre.id, "competent"],
  ];
  for (const [who, voter, subject, grade] of plan) {
    const res = await vote(app, who, round, sealedVote(round, voter, subject, grade));
    expect(res.statusCode, res.body).toBe(200);
    truth.set(`${voter}/${subject}`, grade);
  }
  dumps.before = await backup();
  // 赵德胜 changes his ballot on 刘红梅 from 合格 to 优秀 while the round is open.
  const change = await vote(
    app,
    t.branchSecretary,
    round,
    sealedVote(round, t.cadre.id, t.liu.id, "excellent"),
  );
  expect(change.statusCode, change.body).toBe(200);
  truth.set(`${t.cadre.id}/${t.liu.id}`, "excellent");
  dumps.after = await backup();
  await ctx.db.query("CHECKPOINT");
  wal.end = await walPosition(ctx.db);
});
afterAll(() => app?.close());

/** The PostgreSQL client binaries of the server's own major version, where installed. */
async function binary(name: string): Promise<string | null> {
  const [row] = await sql<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  const path = `/usr/lib/postgresql/${Math.floor(Number(row?.v) / 10000)}/bin/${name}`;
  return existsSync(path) ? path : null;
}

/**
 * A logical backup of the review tables: `pg_dump` where the machine has the server's version
 * (CI's PostgreSQL 15), otherwise the same rows by COPY, as any backup of the data holds them.
 */
async function backup(): Promise<string> {
  const tables = [
    "evaluation_sealed_ballots",
    "evaluation_trustees",
    "evaluation_rounds",
    "audit_events",
  ];
  const pgDump = await binary("pg_dump");
  if (pgDump) {
    return execFileSync(
      pgDump,
      ["--data-only", ...tables.flatMap((x) => ["-t", x]), ctx.config.databaseUrl ?? ""],
      {
        encoding: "utf8",
      },
    );
  }
  const out: string[] = [];
  for (const table of tables) {
    const rows = await sql<{ line: string }>(`SELECT row_to_json(t)::text AS line FROM ${table} t`);
    out.push(...rows.map((r) => `${table}\t${r.line}`));
  }
  return out.join("\n");
}

async function ballots() {
  return sql<{ voter: number; subject: number; ballot: string; code: string }>(
    `SELECT voter_member_id::int AS voter, subject_member_id::int AS subject, ballot,
            tracking_code AS code FROM evaluation_sealed_ballots WHERE round_id = $1`,
    [round.roundId],
  );
}

/** 0 or 1 if the secret opens the ciphertext, null if it does not. */
function opens(secret: string, c: { a: string; b: string }): number | null {
  const [share] = partialDecrypt("attack", secret, [c]);
  return combineShares(c, [share?.d as string], 1);
}

const sumOfSecrets = () => {
  const order = 2n ** 252n + 27742317777372353535851937790883648493n;
  const le = (h: string) => BigInt(`0x${h.match(/../g)?.reverse().join("")}`);
  const x = secrets().reduce((s, h) => (s + le(h)) % order, 0n);
  return x.toString(16).padStart(64, "0").match(/../g)?.reverse().join("") as string;
};

describe("a database superuser", () => {
  it("finds only ciphertexts in the ballot table's file, live and dead rows alike", async () => {
    const columns = await sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'evaluation_sealed_ballots' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "round_id",
      "voter_member_id",
      "subject_member_id",
      "ballot",
      "tracking_code",
    ]);
    const [file] = await sql<{ bytes: Buffer }>(
      "SELECT pg_read_binary_file(pg_relation_filepath('evaluation_sealed_ballots')) AS bytes",
    );
    const heap = file?.bytes.toString("latin1") ?? "";
    for (const b of await ballots()) expect(heap).toContain(b.code);
    // The replaced ballot's dead version may linger in the file until the page is pruned and
    // compacted: every ballot the file holds, live or dead, is a ciphertext of one size.
    const stored = heap.match(/\{"choices":\[[^\]]+\],"sumProof":\{[^}]+\}\}/g) ?? [];
    expect(stored.length).toBeGreaterThanOrEqual(8);
    expect(new Set(stored.map((s) => s.length)).size).toBe(1);
    for (const s of secrets()) expect(heap).not.toContain(s);
  });

  it("holds no value anywhere in the review tables that opens a ballot", async () => {
    const everything = await backup();
    const tokens = new Set(everything.match(/[0-9a-f]{64}/g) ?? []);
    const sample = JSON.parse((await ballots())[0]?.ballot as string) as EncryptedBallot;
    const target = sample.choices[0] as { a: string; b: string };
    const order = 2n ** 252n + 27742317777372353535851937790883648493n;
    const scalars = [...tokens].filter(
      (h) => BigInt(`0x${h.match(/../g)?.reverse().join("")}`) < order,
    );
    expect(scalars.length).toBeGreaterThan(50);
    for (const x of scalars) expect(opens(x, target)).toBeNull();
    // The same check does open it with the whole key, which no server part holds.
    expect(opens(sumOfSecrets(), target)).not.toBeNull();
  });

  it("finds the ballots in the WAL of the votes, as ciphertexts, and no plaintext table written", async () => {
    const bytes = await walBytesBetween(ctx.db, wal.start, wal.end);
    for (const b of await ballots()) expect(bytes).toContain(b.code);
    for (const s of secrets()) expect(bytes).not.toContain(s);

    // Where the machine has pg_waldump for this server, read the records themselves: the votes
    // write the sealed-ballot table and never the plaintext tables of ADR 0006.
    const waldump = await binary("pg_waldump");
    const [dir] = await sql<{ d: string }>("SELECT current_setting('data_directory') AS d");
    if (waldump && dir && existsSync(`${dir.d}/pg_wal`)) {
      const [db] = await sql<{ oid: number }>(
        "SELECT oid::int FROM pg_database WHERE datname = current_database()",
      );
      const nodes = await sql<{ name: string; node: string }>(
        `SELECT relname AS name, pg_relation_filenode(oid)::text AS node FROM pg_class
          WHERE relname IN ('evaluation_sealed_ballots', 'evaluation_ballots', 'evaluation_participation')`,
      );
      // Other databases' traffic may recycle a segment of the range: read what pg_waldump got to.
      const out = spawnSync(waldump, ["-p", `${dir.d}/pg_wal`, "-s", wal.start, "-e", wal.end], {
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      }).stdout;
      const touches = (name: string) => {
        const node = nodes.find((n) => n.name === name)?.node;
        return out
          .split("\n")
          .some((l) => l.includes(`/${db?.oid}/${node} `) || l.includes(`/${db?.oid}/${node}\n`));
      };
      if (out.includes(`/${db?.oid}/`)) expect(touches("evaluation_sealed_ballots")).toBe(true);
      expect(touches("evaluation_ballots")).toBe(false);
      expect(touches("evaluation_participation")).toBe(false);
    }
  }, 120_000);
});

describe("a backup holder", () => {
  it("sees in two dumps diffed that 赵德胜 replaced a ballot, not what either said", () => {
    const lines = (s: string) => new Set(s.split("\n"));
    const before = lines(dumps.before);
    const after = lines(dumps.after);
    const added = [...after].filter((l) => !before.has(l));
    const removed = [...before].filter((l) => !after.has(l));
    const ballotLine = (l: string) => l.includes("choices");
    expect(removed.filter(ballotLine)).toHaveLength(1);
    expect(added.filter(ballotLine)).toHaveLength(1);
    expect(removed.filter(ballotLine)[0]?.length).toBe(added.filter(ballotLine)[0]?.length);
    for (const s of secrets()) expect(dumps.after).not.toContain(s);
  });
});

describe("the server operator", () => {
  it("logs requests without a ballot, a tracking code or a key in them", async () => {
    const text = log.join("");
    expect(text).toContain("/votes");
    for (const b of await ballots()) {
      expect(text).not.toContain(b.code);
      expect(text).not.toContain((JSON.parse(b.ballot) as EncryptedBallot).choices[0]?.a);
    }
    for (const s of secrets()) expect(text).not.toContain(s);
  });
});

describe("a network observer", () => {
  it("sees the same request and answer sizes whatever the grade", async () => {
    const sizes = new Set<string>();
    for (const grade of GRADE_ORDER) {
      const body = sealedVote(round, t.self.id, t.cadre.id, grade);
      const res = await vote(app, t.member, round, body);
      expect(res.statusCode, res.body).toBe(200);
      sizes.add(`${JSON.stringify(body).length}/${res.body.length}`);
    }
    expect(sizes.size).toBe(1);
    truth.set(`${t.self.id}/${t.cadre.id}`, "incompetent");
  });
});

describe("trustees", () => {
  it("through the app, even together, see no single ballot before or after counting", async () => {
    const closed = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/review/rounds/${round.roundId}/close`,
    );
    expect(closed.statusCode, closed.body).toBe(200);
    const seen: string[] = [];
    for (const x of round.trustees) {
      seen.push((await call(app, x.who, "GET", `/api/review/rounds/${round.roundId}`)).body);
      seen.push(
        (await call(app, x.who, "GET", `/api/review/rounds/${round.roundId}/ballots`)).body,
      );
    }
    for (const b of await ballots()) {
      for (const c of (JSON.parse(b.ballot) as EncryptedBallot).choices) {
        expect(seen.join("")).not.toContain(c.a);
      }
    }
  });

  it("one trustee's share counts nothing; the last one's turns tallies into counts", async () => {
    const [first, second] = round.trustees;
    const one = await decryptAs(app, round, first as KeyedRound["trustees"][number]);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ counted: false });
    expect(one.json().members.every((m: { tally: unknown }) => m.tally === null)).toBe(true);
    const again = await decryptAs(app, round, first as KeyedRound["trustees"][number]);
    expect(again.statusCode).toBe(409);
    const two = await decryptAs(app, round, second as KeyedRound["trustees"][number]);
    expect(two.statusCode, two.body).toBe(200);
    expect(two.json()).toMatchObject({ counted: true });
    // 陈晓明 is a trustee, not the organization: the counts are the org's to read.
    expect(two.json().members.every((m: { tally: unknown }) => m.tally === null)).toBe(true);
    const org = (
      await call(app, t.branchSecretary, "GET", `/api/review/rounds/${round.roundId}`)
    ).json();
    const liu = org.members.find((m: { memberId: number }) => m.memberId === t.liu.id);
    expect(liu.tally).toEqual({
      excellent: 2,
      competent: 0,
      basically_competent: 1,
      incompetent: 0,
    });
  });

  it("with a copy of the database, all trustees together read every vote: the limit ADR 0015 states", async () => {
    const x = sumOfSecrets();
    const read = new Map<string, Grade>();
    for (const b of await ballots()) {
      const choices = (JSON.parse(b.ballot) as EncryptedBallot).choices;
      const i = choices.findIndex((c) => opens(x, c) === 1);
      read.set(`${b.voter}/${b.subject}`, GRADE_ORDER[i] as Grade);
    }
    expect(read).toEqual(truth);
    // One trustee's secret alone opens none of them.
    const lone = JSON.parse((await ballots())[0]?.ballot as string) as EncryptedBallot;
    for (const c of lone.choices) expect(opens(secrets()[0] as string, c)).toBeNull();
  });
});

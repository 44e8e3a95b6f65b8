import type { FieldCipher } from "../platform/crypto.ts";
import { createRandom } from "./names.ts";
import { memberCopyLine, seedMember } from "./roster.ts";

/**
 * Members are made and encrypted in blocks of this many, each on whichever worker is free; the
 * block size is part of what a seed makes (each block has its own random stream).
 */
export const BLOCK_SIZE = 20_000;

/** One block of a synthetic load: global member indexes [first, first + count). */
export interface MemberBlock {
  block: number;
  first: number;
  count: number;
}

/** What every worker of one load shares: where each member index lives, and the serials. */
export interface BlockPlan {
  seed: number;
  firstSerial: number;
  orgIds: number[];
  orgPaths: string[];
  /** ends[i]: the members of orgs 0..i together; member index g lives in the first org with ends[i] > g. */
  ends: number[];
}

/**
 * The COPY text of one block. Each block draws from its own random stream, seeded by the load's
 * seed and the block's number, so the same seed gives the same members however many workers
 * ran and in whatever order they finished.
 */
export function memberBlockText(cipher: FieldCipher, plan: BlockPlan, job: MemberBlock): string {
  const random = createRandom((Math.imul(plan.seed, 0x9e3779b1) ^ (job.block + 1)) >>> 0);
  let org = firstOrgOf(plan.ends, job.first);
  const lines: string[] = [];
  for (let g = job.first; g < job.first + job.count; g++) {
    while ((plan.ends[org] ?? Number.POSITIVE_INFINITY) <= g) org++;
    const member = seedMember(random, plan.firstSerial + g);
    lines.push(memberCopyLine(cipher, plan.orgIds[org] ?? 0, plan.orgPaths[org] ?? "", member));
  }
  return `${lines.join("\n")}\n`;
}

function firstOrgOf(ends: number[], g: number): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ends[mid] ?? 0) > g) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The blocks of a load of `total` members. */
export function blocksOf(total: number, size = BLOCK_SIZE): MemberBlock[] {
  const blocks: MemberBlock[] = [];
  for (let first = 0, block = 0; first < total; first += size, block++) {
    blocks.push({ block, first, count: Math.min(size, total - first) });
  }
  return blocks;
}

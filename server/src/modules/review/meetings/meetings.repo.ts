import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../../platform/keyset.ts";
import type { MemberFacts } from "../../members/member-directory.ts";
import { reachClause, readScope } from "../review.policy.ts";
import type { MeetingSummary, UpdateMeetingBody } from "./meetings.schemas.ts";

export interface MeetingRow {
  id: number;
  kind: "branch_life" | "leadership_life";
  orgId: number;
  orgPath: string;
  orgName: string;
  heldOn: string;
  topic: string;
  location: string;
  minutes: string;
  rectifyBy: string;
  createdBy: number | null;
  host: string;
  recorder: string;
  observers: string;
  startsAt: string | null;
  endsAt: string | null;
}

const COLUMNS = `m.id, m.kind, m.org_id AS "orgId", m.org_path::text AS "orgPath",
  m.org_name AS "orgName", m.held_on AS "heldOn", m.topic, m.location, m.minutes,
  m.rectify_by AS "rectifyBy", m.created_by AS "createdBy", m.host, m.recorder, m.observers,
  to_char(m.starts_at, 'HH24:MI') AS "startsAt", to_char(m.ends_at, 'HH24:MI') AS "endsAt"`;

export async function insertMeeting(
  tx: Queryable,
  m: Omit<MeetingRow, "id" | "minutes">,
): Promise<number> {
  const result = await tx.query<{ id: number }>(
    `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, location,
       rectify_by, created_by, host, recorder, observers, starts_at, ends_at)
     VALUES ($1, $2, $3::ltree, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      m.kind,
      m.orgId,
      m.orgPath,
      m.orgName,
      m.heldOn,
      m.topic,
      m.location,
      m.rectifyBy,
      m.createdBy,
      m.host,
      m.recorder,
      m.observers,
      m.startsAt,
      m.endsAt,
    ],
  );
  return Number(result.rows[0]?.id);
}

export async function insertAttendees(tx: Queryable, meetingId: number, people: MemberFacts[]) {
  await tx.query(
    `INSERT INTO review_attendees (meeting_id, member_id, member_name, is_cadre, position)
     SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::boolean[], $5::text[])`,
    [
      meetingId,
      people.map((p) => p.id),
      people.map((p) => p.name),
      people.map((p) => p.isCadre),
      people.map((p) => p.position),
    ],
  );
}

/** A meeting in the caller's `scope` (manage, or manage or oversee); `lock` for a change. */
export async function findMeeting(
  db: Queryable,
  actor: Actor,
  id: number,
  lock = false,
  scope: "manage" | "read" = "read",
): Promise<MeetingRow | null> {
  const params: unknown[] = [id];
  const where = reachClause(actor, scope, "m.org_path", params);
  const result = await db.query<MeetingRow>(
    `SELECT ${COLUMNS} FROM review_meetings m WHERE m.id = $1 AND ${where}${lock ? " FOR UPDATE" : ""}`,
    params,
  );
  return result.rows[0] ?? null;
}

/** A meeting by id without a scope: for the attendee's own material, checked by the caller. */
export async function meetingById(db: Queryable, id: number): Promise<MeetingRow | null> {
  const result = await db.query<MeetingRow>(
    `SELECT ${COLUMNS} FROM review_meetings m WHERE m.id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

const MEETING_ORDER: KeyColumn[] = [
  { sql: "m.held_on", type: "date", desc: true },
  { sql: "m.id", type: "int", desc: true },
];

/** Newest first, a keyset page at a time. */
export async function listMeetings(
  db: Queryable,
  actor: Actor,
  filter: { orgPath?: string; year?: number; after?: string; limit: number },
): Promise<{ items: MeetingSummary[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const where = [readScope(actor, "m.org_path", params)];
  if (filter.orgPath) {
    params.push(filter.orgPath);
    where.push(`m.org_path <@ $${params.length}::ltree`);
  }
  if (filter.year) {
    params.push(filter.year);
    where.push(`extract(year FROM m.held_on) = $${params.length}`);
  }
  const after = keysetAfter(MEETING_ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const result = await db.query<
    MeetingSummary & { orgId: number; orgName: string; keysetCursor: unknown[] }
  >(
    `SELECT ${keysetSelect(MEETING_ORDER)}, m.id, m.kind, m.org_id AS "orgId", m.org_name AS "orgName", m.held_on AS "heldOn",
            m.topic,
            (SELECT count(*)::int FROM review_attendees a WHERE a.meeting_id = m.id) AS expected,
            (SELECT count(*)::int FROM review_attendees a WHERE a.meeting_id = m.id AND a.present)
              AS present,
            (SELECT count(*)::int FROM self_reviews s
              WHERE s.meeting_id = m.id AND s.status = 'submitted') AS submitted
       FROM review_meetings m WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(MEETING_ORDER)} LIMIT $${params.length}`,
    params,
  );
  const page = keysetPage(result.rows, filter.limit);
  return {
    items: page.items.map(({ orgId, orgName, ...rest }) => ({
      ...rest,
      org: { id: orgId, name: orgName },
    })),
    nextCursor: page.nextCursor,
  };
}

const UPDATE_COLUMNS: Record<keyof UpdateMeetingBody, string> = {
  heldOn: "held_on",
  topic: "topic",
  location: "location",
  minutes: "minutes",
  rectifyBy: "rectify_by",
  host: "host",
  recorder: "recorder",
  observers: "observers",
  startsAt: "starts_at",
  endsAt: "ends_at",
};

export async function updateMeeting(tx: Queryable, id: number, changes: UpdateMeetingBody) {
  const params: unknown[] = [id];
  const sets = Object.entries(changes).map(([key, value]) => {
    params.push(value);
    return `${UPDATE_COLUMNS[key as keyof UpdateMeetingBody]} = $${params.length}`;
  });
  await tx.query(
    `UPDATE review_meetings SET ${sets.join(", ")}, updated_at = now() WHERE id = $1`,
    params,
  );
}

export interface AttendeeRow {
  memberId: number;
  name: string;
  isCadre: boolean;
  position: string | null;
  present: boolean | null;
  absenceReason: string | null;
  selfReview: { id: number; status: string; gaps: number } | null;
}

export async function listAttendees(db: Queryable, meetingId: number): Promise<AttendeeRow[]> {
  const result = await db.query<AttendeeRow>(
    `SELECT a.member_id AS "memberId", a.member_name AS name, a.is_cadre AS "isCadre", a.position,
            a.present, a.absence_reason AS "absenceReason",
            CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'status', s.status,
              'gaps', (SELECT count(*)::int FROM self_review_items i
                        WHERE i.self_review_id = s.id AND i.answer = 'gap')) END AS "selfReview"
       FROM review_attendees a
       LEFT JOIN self_reviews s ON s.meeting_id = a.meeting_id AND s.member_id = a.member_id
      WHERE a.meeting_id = $1 ORDER BY a.is_cadre DESC, a.member_name, a.member_id`,
    [meetingId],
  );
  return result.rows;
}

export async function setAttendance(
  tx: Queryable,
  meetingId: number,
  entry: { memberId: number; present: boolean; absenceReason: string | null },
): Promise<boolean> {
  const result = await tx.query(
    `UPDATE review_attendees SET present = $3, absence_reason = $4
      WHERE meeting_id = $1 AND member_id = $2`,
    [meetingId, entry.memberId, entry.present, entry.present ? null : entry.absenceReason],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function insertAttachment(
  tx: Queryable,
  a: { meetingId: number; sha256: string; fileName: string; size: number; userId: number },
): Promise<number> {
  const result = await tx.query<{ id: number }>(
    `INSERT INTO review_attachments (meeting_id, sha256, file_name, size_bytes, uploaded_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [a.meetingId, a.sha256, a.fileName, a.size, a.userId],
  );
  return Number(result.rows[0]?.id);
}

export async function listAttachments(db: Queryable, meetingId: number) {
  const result = await db.query<{ id: number; fileName: string; size: number; sha256: string }>(
    `SELECT id, file_name AS "fileName", size_bytes AS size, sha256 FROM review_attachments
      WHERE meeting_id = $1 ORDER BY id`,
    [meetingId],
  );
  return result.rows;
}

export async function insertCriticism(
  tx: Queryable,
  c: {
    meetingId: number;
    fromMemberId: number;
    toMemberId: number;
    criticism: string;
    response: string;
    userId: number;
  },
): Promise<number> {
  const result = await tx.query<{ id: number }>(
    `INSERT INTO review_criticisms (meeting_id, from_member_id, to_member_id, criticism, response,
       recorded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.meetingId, c.fromMemberId, c.toMemberId, c.criticism, c.response, c.userId],
  );
  return Number(result.rows[0]?.id);
}

export async function listCriticisms(db: Queryable, meetingId: number) {
  const result = await db.query<{
    id: number;
    fromMemberId: number;
    fromName: string;
    toMemberId: number;
    toName: string;
    criticism: string;
    response: string;
  }>(
    `SELECT c.id, c.from_member_id AS "fromMemberId", f.member_name AS "fromName",
            c.to_member_id AS "toMemberId", t.member_name AS "toName", c.criticism, c.response
       FROM review_criticisms c
       JOIN review_attendees f ON f.meeting_id = c.meeting_id AND f.member_id = c.from_member_id
       JOIN review_attendees t ON t.meeting_id = c.meeting_id AND t.member_id = c.to_member_id
      WHERE c.meeting_id = $1 ORDER BY c.id`,
    [meetingId],
  );
  return result.rows;
}

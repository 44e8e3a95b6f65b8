-- Discipline cases (Art 28, issue 13) on the case workflow core. The case row, its events
-- (encrypted texts: allegation, findings, notice, defence, decision) and its files are the
-- core's; this table holds the due-process dates the machine's guards read, and the cited and
-- applied provisions and the measure in clear, which statistics count and nothing else needs.
ALTER TABLE cases DROP CONSTRAINT cases_case_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_case_type_check
  CHECK (case_type IN ('report', 'protection', 'discipline'));

-- A report whose subject is passed to discipline opens a case for them; the reserved type opens
-- one for the false accuser found by a protection case.
ALTER TABLE case_links DROP CONSTRAINT case_links_link_type_check;
ALTER TABLE case_links ADD CONSTRAINT case_links_link_type_check
  CHECK (link_type IN ('protection_for_accused', 'discipline_for_accuser', 'duplicate_of',
                       'discipline_for_subject'));

CREATE TABLE discipline_cases (
  case_id bigint PRIMARY KEY REFERENCES cases (id),
  origin text NOT NULL CHECK (origin IN ('report', 'protection', 'review_meeting', 'direct')),
  origin_meeting_id bigint REFERENCES review_meetings (id),
  conduct_on date NOT NULL,
  -- The version of the regulation in force on conduct_on; cited provisions belong to it.
  regulation_version_id bigint NOT NULL REFERENCES regulation_versions (id),
  cited_provision_ids bigint[] NOT NULL CHECK (cardinality(cited_provision_ids) > 0),
  notice_on date,
  defence_due_on date,
  defence_on date,
  decided_on date,
  measure text,
  applied_provision_ids bigint[] NOT NULL DEFAULT '{}',
  appeal_due_on date,
  appealed_on date,
  appeal_outcome text CHECK (appeal_outcome IN ('upheld', 'changed', 'revoked')),
  appeal_decided_on date,
  -- The user who recorded the decision: they may not also review the appeal against it.
  decided_by bigint REFERENCES users (id),
  CHECK (defence_due_on IS NULL OR notice_on IS NOT NULL),
  -- The due-process order, held by the database as well as by the machine.
  CHECK (decided_on IS NULL OR (notice_on IS NOT NULL AND
         (defence_on IS NOT NULL OR decided_on > defence_due_on))),
  CHECK (appealed_on IS NULL OR (decided_on IS NOT NULL AND appealed_on <= appeal_due_on))
);
CREATE INDEX discipline_cases_measure ON discipline_cases (measure) WHERE measure IS NOT NULL;

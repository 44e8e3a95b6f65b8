-- A discipline case may be opened from an overseer's finding on a cadre's declaration marked
-- 「需立案审查」 (issue 13). The case keeps the finding as its origin; one finding opens at most
-- one case, held here by a unique index so two handlers opening at once cannot both succeed.
ALTER TABLE discipline_cases DROP CONSTRAINT discipline_cases_origin_check;
ALTER TABLE discipline_cases ADD CONSTRAINT discipline_cases_origin_check
  CHECK (origin IN ('report', 'protection', 'review_meeting', 'direct', 'declaration_finding'));
ALTER TABLE discipline_cases
  ADD COLUMN origin_finding_id bigint REFERENCES registry_declaration_findings (id),
  ADD CONSTRAINT discipline_cases_finding_origin
    CHECK ((origin = 'declaration_finding') = (origin_finding_id IS NOT NULL));
CREATE UNIQUE INDEX discipline_cases_one_per_finding
  ON discipline_cases (origin_finding_id) WHERE origin_finding_id IS NOT NULL;

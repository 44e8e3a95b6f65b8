-- Linked cases (issue 11): a report found to be a false accusation (Art 12) opens a protection
-- and 澄清正名 case for the accused (Art 24); the discipline module (issue 13) will open a
-- discipline case for the false accuser with the second link type. A link is a record of what
-- the organization decided, so it is never edited or removed.
CREATE TABLE case_links (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_case_id bigint NOT NULL REFERENCES cases (id),
  to_case_id bigint NOT NULL REFERENCES cases (id),
  link_type text NOT NULL
    CHECK (link_type IN ('protection_for_accused', 'discipline_for_accuser')),
  created_by bigint REFERENCES users (id),
  created_on date NOT NULL DEFAULT cn_today(),
  CHECK (from_case_id <> to_case_id),
  -- One protection case per report: a second click finds the first.
  UNIQUE (from_case_id, link_type)
);
CREATE INDEX case_links_to ON case_links (to_case_id);

CREATE FUNCTION case_links_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_links is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER case_links_no_change BEFORE UPDATE OR DELETE ON case_links
  FOR EACH ROW EXECUTE FUNCTION case_links_unchanged();

-- Cases whose filer has something new to read (a message, a step, the reply). A job tells
-- those filers in batches, at set hours and without naming the case, so that no inbox row
-- sits beside the handler's message at the same instant and points at who filed.
CREATE TABLE case_filer_notices (
  case_id bigint PRIMARY KEY REFERENCES cases (id)
);

-- A handler marks a report as a duplicate of another case in their scope and closes it
-- (issue 11); the link records which case it duplicates, never edited like the others.
ALTER TABLE case_links DROP CONSTRAINT case_links_link_type_check;
ALTER TABLE case_links ADD CONSTRAINT case_links_link_type_check
  CHECK (link_type IN ('protection_for_accused', 'discipline_for_accuser', 'duplicate_of'));

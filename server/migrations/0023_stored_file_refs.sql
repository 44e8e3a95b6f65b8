-- Retention erasure deletes a case's evidence files (issue 11). Files are stored once per
-- SHA-256 and may be shared by rows of any module (the same screenshot as evidence in two
-- cases, or as a meeting attachment), so a file is deleted only when no row names it.
-- This view is the one list of every column that names a stored file: a module that adds
-- such a column adds it here in its migration (a test compares the view with the schema).

-- An erased case's file rows stay for counts (type, size) but no longer name the file.
ALTER TABLE case_files ALTER COLUMN sha256 DROP NOT NULL;

CREATE VIEW stored_file_refs AS
  SELECT sha256 FROM case_files WHERE sha256 IS NOT NULL
  UNION ALL SELECT sha256 FROM review_attachments
  UNION ALL SELECT sha256 FROM rectification_evidence_files
  UNION ALL SELECT file_sha256 FROM study_materials WHERE file_sha256 IS NOT NULL;

-- Erasure asks for each digest in turn; without these it would read every file row each time.
CREATE INDEX case_files_sha256 ON case_files (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX review_attachments_sha256 ON review_attachments (sha256);
CREATE INDEX rectification_evidence_files_sha256 ON rectification_evidence_files (sha256);
CREATE INDEX study_materials_file_sha256 ON study_materials (file_sha256)
  WHERE file_sha256 IS NOT NULL;

-- The regulation as data: documents, their versions, articles with ids that stay stable
-- across versions while number and text match, provisions with their annotations (automatic
-- and corrected, side by side) and references.

CREATE TABLE regulation_documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL UNIQUE,
  issuer text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE regulation_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES regulation_documents (id),
  version_no integer NOT NULL,
  issued_on date,
  effective_on date,
  -- The text exactly as received, for provenance; everything else is derived from it.
  raw_text text NOT NULL,
  raw_sha256 text NOT NULL,
  source text,
  preamble text[] NOT NULL DEFAULT '{}',
  warnings jsonb NOT NULL DEFAULT '[]',
  imported_by bigint REFERENCES users (id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, version_no)
);

-- One row per distinct (number, text) of an article; versions share rows they agree on.
CREATE TABLE regulation_articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES regulation_documents (id),
  number integer NOT NULL,
  sub integer NOT NULL DEFAULT 0,
  label text NOT NULL,
  content_digest text NOT NULL,
  text text NOT NULL,
  paragraphs jsonb NOT NULL,
  UNIQUE (document_id, number, sub, content_digest)
);

CREATE TABLE regulation_version_articles (
  version_id bigint NOT NULL REFERENCES regulation_versions (id),
  article_id bigint NOT NULL REFERENCES regulation_articles (id),
  position integer NOT NULL,
  eid text NOT NULL,
  chapter_number integer,
  chapter_label text,
  chapter_heading text,
  PRIMARY KEY (version_id, article_id),
  UNIQUE (version_id, position)
);

CREATE TABLE regulation_provisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES regulation_articles (id),
  seq integer NOT NULL,
  kind text NOT NULL,
  subjects text[] NOT NULL,
  text text NOT NULL,
  -- Lexemes from Chinese word segmentation, built in the application so search works on any
  -- PostgreSQL without a Chinese text-search extension.
  search_vector tsvector NOT NULL,
  UNIQUE (article_id, seq)
);
CREATE INDEX regulation_provisions_search ON regulation_provisions USING gin (search_vector);
CREATE INDEX regulation_provisions_subjects ON regulation_provisions USING gin (subjects);

-- An annotator's correction sits beside the automatic annotation and never replaces it; the
-- newest correction is the one in force.
CREATE TABLE regulation_provision_corrections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provision_id bigint NOT NULL REFERENCES regulation_provisions (id),
  kind text NOT NULL,
  subjects text[] NOT NULL,
  note text NOT NULL,
  corrected_by bigint NOT NULL REFERENCES users (id),
  corrected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regulation_provision_corrections_provision ON regulation_provision_corrections (provision_id, id);

CREATE TABLE regulation_references (
  article_id bigint NOT NULL REFERENCES regulation_articles (id),
  seq integer NOT NULL,
  reference jsonb NOT NULL,
  PRIMARY KEY (article_id, seq)
);

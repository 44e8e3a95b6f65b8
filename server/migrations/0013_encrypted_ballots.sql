-- 民主评议 with encrypted ballots (docs/adr/0008-encrypted-ballots.md). The server keeps only
-- ciphertexts and proofs; trustees of the branch hold the key in their own browsers and
-- decrypt only the totals. Rounds opened before this migration keep their plaintext ballots
-- (scheme 'plain'): they stay readable and can be closed and counted, but take no new votes.
ALTER TABLE evaluation_rounds
  ADD COLUMN scheme text NOT NULL DEFAULT 'plain' CHECK (scheme IN ('plain', 'encrypted')),
  ADD COLUMN joint_key text CHECK (joint_key ~ '^[0-9a-f]{64}$'),
  ADD COLUMN counted_at timestamptz;
ALTER TABLE evaluation_rounds ALTER COLUMN scheme SET DEFAULT 'encrypted';

-- Two or more members of the branch committee who each hold one share of the round's key.
CREATE TABLE evaluation_trustees (
  round_id bigint NOT NULL REFERENCES evaluation_rounds (id),
  member_id bigint NOT NULL REFERENCES members (id),
  member_name text NOT NULL,
  public_key text CHECK (public_key ~ '^[0-9a-f]{64}$'),
  key_proof jsonb,
  keyed_at timestamptz,
  shared_at timestamptz,
  PRIMARY KEY (round_id, member_id),
  CHECK ((public_key IS NULL) = (key_proof IS NULL))
);

-- The latest ballot of a voter on a member. The voter is named so that a new ballot replaces
-- the old one; the ballot itself is a ciphertext the server cannot read.
CREATE TABLE evaluation_sealed_ballots (
  round_id bigint NOT NULL REFERENCES evaluation_rounds (id),
  voter_member_id bigint NOT NULL REFERENCES members (id),
  subject_member_id bigint NOT NULL REFERENCES members (id),
  ballot text NOT NULL,
  tracking_code text NOT NULL UNIQUE CHECK (tracking_code ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (round_id, voter_member_id, subject_member_id),
  CHECK (voter_member_id <> subject_member_id)
);
-- Inline and uncompressed: every ballot row is stored at the same size, whatever it holds.
ALTER TABLE evaluation_sealed_ballots
  ALTER COLUMN ballot SET STORAGE PLAIN,
  ALTER COLUMN tracking_code SET STORAGE PLAIN;

-- At close: per member and grade the sum of the ballots' ciphertexts, and once every trustee
-- has decrypted their share, the count.
CREATE TABLE evaluation_encrypted_tallies (
  round_id bigint NOT NULL REFERENCES evaluation_rounds (id),
  subject_member_id bigint NOT NULL REFERENCES members (id),
  grade text NOT NULL CHECK (grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  a text NOT NULL,
  b text NOT NULL,
  count integer CHECK (count >= 0),
  PRIMARY KEY (round_id, subject_member_id, grade)
);

-- A trustee's decryption share of one tally, with its proof, kept so anyone can re-check.
CREATE TABLE evaluation_decryption_shares (
  round_id bigint NOT NULL,
  trustee_member_id bigint NOT NULL,
  subject_member_id bigint NOT NULL,
  grade text NOT NULL,
  d text NOT NULL,
  proof jsonb NOT NULL,
  PRIMARY KEY (round_id, trustee_member_id, subject_member_id, grade),
  FOREIGN KEY (round_id, trustee_member_id) REFERENCES evaluation_trustees (round_id, member_id),
  FOREIGN KEY (round_id, subject_member_id, grade)
    REFERENCES evaluation_encrypted_tallies (round_id, subject_member_id, grade)
);

-- ID-number masks kept the first six and the last four characters while the birth date sat
-- beside them (member API, roster export, member.create and member.update audit rows), so
-- mask[:6] + birth date + mask[-4:] was the whole number (issue 15, ADR 0012). Masks now keep
-- the region only. This rewrites the masks already stored: in members, and in the audit rows
-- that copied them.
--
-- Audit rows are append-only and hash-chained, so the rewrite is done openly: the guard
-- trigger is lifted for this transaction only, the chain is cut back to just before the
-- first rewritten row, those rows and every later one are left for the sealer to chain again
-- (in id order, as it always does), and an `audit.redact` row records how many rows were
-- rewritten, from which chain position, and the head hash the chain had before. A verifier
-- holding an older checkpoint sees the chain diverge exactly there and finds this row
-- explaining why.

UPDATE members
   SET id_number_masked = left(id_number_masked, 6) || repeat('*', char_length(id_number_masked) - 6)
 WHERE char_length(id_number_masked) >= 15
   AND id_number_masked !~ '^.{6}\*+$';

CREATE OR REPLACE FUNCTION pg_temp.region_mask(doc jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN jsonb_typeof(doc -> 'idNumberMasked') = 'string'
         AND char_length(doc ->> 'idNumberMasked') >= 15
         AND (doc ->> 'idNumberMasked') !~ '^.{6}\*+$'
    THEN jsonb_set(doc, '{idNumberMasked}', to_jsonb(left(doc ->> 'idNumberMasked', 6)
           || repeat('*', char_length(doc ->> 'idNumberMasked') - 6)))
    ELSE doc END
$$;

DO $$
DECLARE
  rewritten bigint;
  first_seq bigint;
  head_seq bigint;
  head_hash text;
BEGIN
  CREATE TEMP TABLE redacted ON COMMIT DROP AS
    SELECT id, chain_seq FROM audit_events
     WHERE pg_temp.region_mask(coalesce(after, 'null')) IS DISTINCT FROM coalesce(after, 'null')
        OR pg_temp.region_mask(coalesce(before, 'null')) IS DISTINCT FROM coalesce(before, 'null');
  SELECT count(*), min(chain_seq) INTO rewritten, first_seq FROM redacted;
  IF rewritten = 0 THEN
    RETURN;
  END IF;
  SELECT chain_seq, hash INTO head_seq, head_hash FROM audit_chain_head;

  -- The guards of 0008_audit_guards (append-only rows, a head that only moves forward) are
  -- exactly what this rewrite must pass, once, in this transaction.
  ALTER TABLE audit_events DISABLE TRIGGER USER;
  ALTER TABLE audit_chain_head DISABLE TRIGGER USER;
  UPDATE audit_events e
     SET after = pg_temp.region_mask(e.after), before = pg_temp.region_mask(e.before)
    FROM redacted r WHERE e.id = r.id;
  IF first_seq IS NOT NULL THEN
    UPDATE audit_events SET chain_seq = NULL, prev_hash = NULL, hash = NULL
     WHERE chain_seq >= first_seq;
    IF first_seq = 1 THEN
      DELETE FROM audit_chain_head;
    ELSE
      UPDATE audit_chain_head h SET chain_seq = e.chain_seq, hash = e.hash
        FROM audit_events e WHERE e.chain_seq = first_seq - 1;
    END IF;
  END IF;
  ALTER TABLE audit_chain_head ENABLE TRIGGER USER;
  ALTER TABLE audit_events ENABLE TRIGGER USER;

  INSERT INTO audit_events (actor_user_id, actor_label, action, entity_type, after)
  VALUES (NULL, 'migration', 'audit.redact', 'audit_log', jsonb_build_object(
    'migration', '0008_redact_id_number_masks',
    'reason', '身份证号码掩码与出生日期并列可还原完整号码，改为仅保留前六位（地区码）',
    'rows', rewritten,
    'resealedFromChainSeq', first_seq,
    'previousHeadSeq', head_seq,
    'previousHeadHash', head_hash));
END $$;

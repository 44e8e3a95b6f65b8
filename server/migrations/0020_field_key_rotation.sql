-- Field key rotation (issue 17, docs/adr/0016-field-key-rotation.md): `wanggui key rotate`
-- re-encrypts every encrypted column under the next key. A case's history stays append-only:
-- the rotation may replace an event's body with the same text under another key, and nothing
-- else of the row; the erasure exception is unchanged.
CREATE OR REPLACE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('wanggui.case_erasure', true) = 'on'
     AND NEW.id = OLD.id AND NEW.case_id = OLD.case_id AND NEW.kind = OLD.kind THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('wanggui.key_rotation', true) = 'on'
     AND NEW.body IS NOT NULL AND OLD.body IS NOT NULL
     AND (NEW.id, NEW.case_id, NEW.kind, NEW.from_state, NEW.to_state, NEW.visible_to_filer,
          NEW.actor_user_id, NEW.by_filer, NEW.meta, NEW.created_on, NEW.created_at)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.case_id, OLD.kind, OLD.from_state, OLD.to_state, OLD.visible_to_filer,
          OLD.actor_user_id, OLD.by_filer, OLD.meta, OLD.created_on, OLD.created_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP;
END $$;

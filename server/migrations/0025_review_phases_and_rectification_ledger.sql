-- 民主评议 phases with their planned dates, and a 整改台账 that takes items added by hand and
-- closes them only when the secretary has reviewed them (issue 16).

-- The three steps of 民主评议党员 (个人总结 → 投票 → 评定): the last day of each, set when the
-- round opens so members and the committee above see the timetable. Rounds opened before
-- have none.
ALTER TABLE evaluation_rounds
  ADD COLUMN summary_due date,
  ADD COLUMN vote_due date,
  ADD COLUMN decide_due date,
  ADD CONSTRAINT evaluation_rounds_phase_order
    CHECK (summary_due <= vote_due AND vote_due <= decide_due);

-- Items now come from a self-review gap, from 相互批评 at a meeting, from a higher committee's
-- feedback or from anything else the secretary records; only the first kind has a self-review
-- line, and items of the last two need no meeting. The owner's name is copied as attendees'
-- names are, so the ledger reads the same after a member moves away.
ALTER TABLE rectification_items
  ADD COLUMN source text NOT NULL DEFAULT 'self_review'
    CHECK (source IN ('self_review', 'criticism', 'higher_feedback', 'other')),
  ADD COLUMN org_id bigint REFERENCES orgs (id),
  ADD COLUMN owner_name text,
  ADD COLUMN created_by bigint REFERENCES users (id),
  -- The secretary's word when returning an item (退回) or closing it (销号).
  ADD COLUMN review_comment text,
  ADD COLUMN closed_at timestamptz,
  ADD COLUMN closed_by bigint REFERENCES users (id),
  ALTER COLUMN meeting_id DROP NOT NULL,
  ALTER COLUMN self_review_id DROP NOT NULL,
  ALTER COLUMN item_seq DROP NOT NULL,
  ADD CONSTRAINT rectification_items_origin CHECK (
    (source = 'self_review') = (self_review_id IS NOT NULL AND item_seq IS NOT NULL)
    AND (source <> 'criticism' OR meeting_id IS NOT NULL)
  );

UPDATE rectification_items x
   SET org_id = m.org_id,
       owner_name = (SELECT a.member_name FROM review_attendees a
                      WHERE a.meeting_id = x.meeting_id AND a.member_id = x.owner_member_id)
  FROM review_meetings m WHERE m.id = x.meeting_id;
UPDATE rectification_items x SET owner_name = mb.name
  FROM members mb WHERE x.owner_name IS NULL AND mb.id = x.owner_member_id;
ALTER TABLE rectification_items
  ALTER COLUMN org_id SET NOT NULL,
  ALTER COLUMN owner_name SET NOT NULL;

-- open → done (the owner reports it done, 待销号) → closed (销号); a return sends done back to
-- open with the secretary's comment and keeps the owner's last note. Items marked done before
-- this migration wait for the secretary's review like any other.
ALTER TABLE rectification_items DROP CONSTRAINT rectification_items_status_check;
ALTER TABLE rectification_items DROP CONSTRAINT rectification_items_check;
ALTER TABLE rectification_items
  ADD CONSTRAINT rectification_items_status_check CHECK (status IN ('open', 'done', 'closed')),
  ADD CONSTRAINT rectification_items_done_check CHECK (
    (status IN ('done', 'closed')) = (done_at IS NOT NULL)
    AND (status = 'open' OR evidence IS NOT NULL)
    AND (status = 'closed') = (closed_at IS NOT NULL)
  );
CREATE INDEX rectification_items_review ON rectification_items (org_path) WHERE status = 'done';

-- A published campaign nobody has sat yet can be withdrawn (撤回) with a reason: members are
-- told, and it leaves their task lists. The row stays, so the audit trail points at something.
ALTER TABLE study_campaigns DROP CONSTRAINT study_campaigns_status_check;
ALTER TABLE study_campaigns ADD CONSTRAINT study_campaigns_status_check
  CHECK (status IN ('draft', 'published', 'closed', 'withdrawn'));
ALTER TABLE study_campaigns
  ADD COLUMN withdrawn_at timestamptz,
  ADD COLUMN withdrawn_by bigint REFERENCES users (id),
  ADD COLUMN withdraw_reason text,
  ADD CONSTRAINT study_campaigns_withdrawal
    CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL AND withdraw_reason IS NOT NULL));

-- What a 会议记录 names besides the date and place: who chaired and who kept the record, who
-- sat in (列席: not members of the branch, so free text), and when it began and ended.
ALTER TABLE review_meetings
  ADD COLUMN host text NOT NULL DEFAULT '' CHECK (char_length(host) <= 50),
  ADD COLUMN recorder text NOT NULL DEFAULT '' CHECK (char_length(recorder) <= 50),
  ADD COLUMN observers text NOT NULL DEFAULT '' CHECK (char_length(observers) <= 500),
  ADD COLUMN starts_at time,
  ADD COLUMN ends_at time,
  ADD CONSTRAINT review_meetings_times CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at);

-- Attendance is unknown until someone records it: NULL is 未登记, so a meeting that has not
-- happened yet no longer reads as everyone present.
ALTER TABLE review_attendees ALTER COLUMN present DROP NOT NULL, ALTER COLUMN present DROP DEFAULT;
UPDATE review_attendees a SET present = NULL
  FROM review_meetings m
 WHERE m.id = a.meeting_id AND m.held_on > current_date AND a.present;

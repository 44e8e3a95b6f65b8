-- The session tells the web app whether the signed-in member is a cadre, so the menu offers
-- the public-account register (Art 18-20) only to those it binds. The cached actor is reused
-- while users.auth_version is unchanged, so changing the flag bumps the linked account's
-- version (archiving the member too): the next request sees the new menu.
CREATE FUNCTION members_cadre_bumps_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET auth_version = auth_version + 1 WHERE member_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER members_cadre_auth_version AFTER UPDATE OF is_cadre, archived_at ON members
  FOR EACH ROW WHEN ((NEW.is_cadre, NEW.archived_at) IS DISTINCT FROM (OLD.is_cadre, OLD.archived_at))
  EXECUTE FUNCTION members_cadre_bumps_auth_version();

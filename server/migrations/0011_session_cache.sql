-- Sign-in hardening (issues 10 and 15): a cached actor that every revocation invalidates at
-- once, a second factor the session remembers, sign-in throttling by account, address and
-- overall, and demo accounts the server can recognise.

-- Every request reads its session row and this version in one query; the server keeps the
-- actor (grants, permissions) in memory only while the version is the one it loaded. Triggers,
-- not callers, bump it, so no code path (API, CLI, seed, another server) can forget to.
ALTER TABLE users ADD COLUMN auth_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION users_bump_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.password_hash, NEW.disabled_at, NEW.must_change_password, NEW.totp_enabled_at,
      NEW.pi_consent_version, NEW.display_name, NEW.username, NEW.member_id)
     IS DISTINCT FROM
     (OLD.password_hash, OLD.disabled_at, OLD.must_change_password, OLD.totp_enabled_at,
      OLD.pi_consent_version, OLD.display_name, OLD.username, OLD.member_id) THEN
    NEW.auth_version := OLD.auth_version + 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_auth_version BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_bump_auth_version();

CREATE FUNCTION role_grants_bump_auth_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET auth_version = auth_version + 1
   WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END);
  IF TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id THEN
    UPDATE users SET auth_version = auth_version + 1 WHERE id = OLD.user_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER role_grants_auth_version AFTER INSERT OR UPDATE OR DELETE ON role_grants
  FOR EACH ROW EXECUTE FUNCTION role_grants_bump_auth_version();

-- A grant carries its org's path and name into the actor, so renaming, moving or archiving
-- any org invalidates every cached actor: one row, bumped once per statement.
CREATE TABLE auth_epoch (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  value bigint NOT NULL DEFAULT 0
);
INSERT INTO auth_epoch DEFAULT VALUES;

CREATE FUNCTION orgs_bump_auth_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE auth_epoch SET value = value + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER orgs_auth_epoch AFTER UPDATE OF path, name, archived_at, parent_id ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION orgs_bump_auth_epoch();

-- When this session proved a second factor. An administrator role that reaches a session
-- without it (granted while signed in, or a scheduled grant starting) does not work in it.
ALTER TABLE sessions ADD COLUMN mfa_at timestamptz;

-- Demo accounts are recognised by this flag, not by their names: a production start refuses
-- to run while an enabled one exists.
ALTER TABLE users ADD COLUMN is_demo boolean NOT NULL DEFAULT false;

-- Failed sign-ins counted per client address and overall (per account they stay on users).
-- A row per address, kept short: a success or a quiet hour forgets it.
CREATE TABLE sign_in_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  last_failed_at timestamptz NOT NULL DEFAULT now(),
  blocked_until timestamptz
);

-- Accounts: a home org for administering the account, TOTP replay protection, lookups by org.

-- The org under which an account is administered (created). Scoping an account by its home
-- org keeps it visible to its security administrator even after every grant has ended (离任).
-- Nullable: accounts created before this column, or bootstrap accounts, are scoped by grants.
ALTER TABLE users ADD COLUMN org_id bigint REFERENCES orgs (id);
CREATE INDEX users_org ON users (org_id);

-- The last TOTP time step accepted, so an observed code cannot be replayed inside its window.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- One account per member: a person signs in as themselves only once.
CREATE UNIQUE INDEX users_member ON users (member_id) WHERE member_id IS NOT NULL;

CREATE INDEX role_grants_org ON role_grants (org_id);

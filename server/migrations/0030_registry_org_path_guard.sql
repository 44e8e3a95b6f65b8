-- The registry's campaign tables keep their org's path like every scoped table, so they get
-- the stale-path guard of migration 0013 too: a campaign written with the path its org had
-- before a concurrent move is refused, not left outside every scope (issue 12).
SELECT install_org_path_guard('registry_attestation_campaigns'::regclass);
SELECT install_org_path_guard('registry_declaration_campaigns'::regclass);

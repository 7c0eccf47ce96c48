-- Foundation: roles, UUIDv7, tenants, identities, sessions, staff, rate limits, outbox.
-- Runs as the owner role. The API connects as mallwright_app (no RLS bypass, owns nothing);
-- cross-tenant code (platform admin routes, outbox relay, webhook routing) as mallwright_admin.

DO $$
BEGIN
  -- Roles are cluster-wide: another database on the same server may have made them already.
  BEGIN
    CREATE ROLE mallwright_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  BEGIN
    CREATE ROLE mallwright_admin LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
END
$$;

GRANT USAGE ON SCHEMA public TO mallwright_app, mallwright_admin;

-- UUIDv7 (RFC 9562): 48-bit unix milliseconds, then random bits. PostgreSQL 15 has no built-in.
CREATE OR REPLACE FUNCTION mw_uuidv7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $fn$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1), 'hex')::uuid
$fn$;

CREATE FUNCTION mw_current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $fn$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $fn$;

-- Tenants: the stores. Not tenant-owned data itself; the app reads it, only admin writes.
CREATE TABLE tenants (
  id             uuid PRIMARY KEY DEFAULT mw_uuidv7(),
  key            text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' AND length(key) BETWEEN 3 AND 32),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  plan           text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'growth', 'pro')),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  template       text,
  suspended_at   timestamptz,
  suspend_reason text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_created_at_idx ON tenants (created_at DESC, id DESC);

-- People who log in (merchant staff and platform admins). Global: one account, many stores.
CREATE TABLE users (
  id                  uuid PRIMARY KEY DEFAULT mw_uuidv7(),
  email               text NOT NULL UNIQUE CHECK (email = lower(email)),
  name                text,
  password_hash       text,
  password_changed_at timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform_admins (
  user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform_sessions (
  id           uuid PRIMARY KEY DEFAULT mw_uuidv7(),
  token_hash   bytea NOT NULL UNIQUE,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_sessions_user_idx ON platform_sessions (user_id);

CREATE TABLE password_resets (
  id          uuid PRIMARY KEY DEFAULT mw_uuidv7(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash  bytea NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);

-- Fixed-window counters for login throttling; keys are hashes, never raw emails or IPs.
CREATE TABLE rate_limits (
  key       text PRIMARY KEY,
  count     integer NOT NULL,
  reset_at  timestamptz NOT NULL
);

-- Tenant-owned tables ------------------------------------------------------------------

CREATE TABLE memberships (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id         uuid NOT NULL DEFAULT mw_uuidv7(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('owner', 'admin', 'staff')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);
-- At most one owner per store.
CREATE UNIQUE INDEX memberships_one_owner ON memberships (tenant_id) WHERE role = 'owner';

CREATE TABLE sessions (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT mw_uuidv7(),
  membership_id uuid NOT NULL,
  token_hash    bytea NOT NULL UNIQUE,
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, membership_id) REFERENCES memberships (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_membership_idx ON sessions (tenant_id, membership_id);

CREATE TABLE staff_invites (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT mw_uuidv7(),
  email         text NOT NULL CHECK (email = lower(email)),
  role          text NOT NULL CHECK (role IN ('owner', 'admin', 'staff')),
  token_hash    bytea NOT NULL UNIQUE,
  invited_by    uuid,
  expires_at    timestamptz NOT NULL,
  accepted_at   timestamptz,
  revoked_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, invited_by) REFERENCES memberships (tenant_id, id) ON DELETE SET NULL (invited_by)
);
CREATE UNIQUE INDEX staff_invites_open_email ON staff_invites (tenant_id, email)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- Outbox: side effects written in the caller's transaction; the relay hands them to the
-- queue (or runs them in-process). tenant_id is null for platform-level jobs (emails to a
-- person, not a store); the policy then matches only when no tenant is set.
CREATE TABLE outbox (
  tenant_id    uuid REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT mw_uuidv7(),
  job          text NOT NULL,
  payload      jsonb NOT NULL,
  dedupe_key   text,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'enqueued', 'done', 'failed')),
  attempts     integer NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT now(),
  last_error   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id)
);
-- One row per (tenant, job, key): stores never collide on, or probe, each other's keys.
CREATE UNIQUE INDEX outbox_dedupe ON outbox (tenant_id, job, dedupe_key) NULLS NOT DISTINCT WHERE dedupe_key IS NOT NULL;
CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE status = 'pending';

-- Row-level security on every tenant-owned table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['memberships', 'sessions', 'staff_invites'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
  END LOOP;
END
$$;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox
  USING (tenant_id IS NOT DISTINCT FROM mw_current_tenant())
  WITH CHECK (tenant_id IS NOT DISTINCT FROM mw_current_tenant());

-- The two narrow doors through which the app role reads across tenants, both keyed by a
-- secret or an identity the caller already proved. Owned by the admin role (BYPASSRLS).
CREATE FUNCTION mw_resolve_session(p_token_hash bytea)
RETURNS TABLE (session_id uuid, tenant_id uuid, membership_id uuid, user_id uuid, role text, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT s.id, s.tenant_id, m.id, m.user_id, m.role, s.expires_at
  FROM sessions s JOIN memberships m ON m.tenant_id = s.tenant_id AND m.id = s.membership_id
  WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > now()
$fn$;

CREATE FUNCTION mw_user_memberships(p_user_id uuid)
RETURNS TABLE (tenant_id uuid, tenant_key text, tenant_name text, membership_id uuid, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT t.id, t.key, t.name, m.id, m.role
  FROM memberships m JOIN tenants t ON t.id = m.tenant_id
  WHERE m.user_id = p_user_id
  ORDER BY t.key
$fn$;

-- Grants -------------------------------------------------------------------------------
GRANT SELECT ON tenants TO mallwright_app;
GRANT SELECT, INSERT, UPDATE ON users TO mallwright_app;
GRANT SELECT ON platform_admins TO mallwright_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON platform_sessions, password_resets, rate_limits TO mallwright_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, sessions, staff_invites TO mallwright_app;
GRANT SELECT, INSERT ON outbox TO mallwright_app;

GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, platform_admins, platform_sessions,
  password_resets, rate_limits, memberships, sessions, staff_invites, outbox TO mallwright_admin;

REVOKE ALL ON FUNCTION mw_resolve_session(bytea), mw_user_memberships(uuid) FROM PUBLIC;
ALTER FUNCTION mw_resolve_session(bytea) OWNER TO mallwright_admin;
ALTER FUNCTION mw_user_memberships(uuid) OWNER TO mallwright_admin;
GRANT EXECUTE ON FUNCTION mw_resolve_session(bytea), mw_user_memberships(uuid) TO mallwright_app;

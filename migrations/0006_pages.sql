-- Pages: drafts edited by the designer (with a revision for optimistic concurrency), immutable
-- published versions, and the store's theme and tab bar, drafted and published the same way.

CREATE TABLE pages (
  tenant_id             uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                    uuid NOT NULL DEFAULT mw_uuidv7(),
  title                 text NOT NULL CHECK (length(title) BETWEEN 1 AND 40),
  is_home               boolean NOT NULL DEFAULT false,
  -- The draft document (always stored at the current schema version).
  draft                 jsonb NOT NULL,
  -- Bumped by every draft save; a save must name the revision it started from (If-Match).
  draft_revision        integer NOT NULL DEFAULT 1 CHECK (draft_revision >= 1),
  -- The version shoppers see (null: never published).
  published_version     integer,
  published_at          timestamptz,
  -- A publish waiting for its time (a job checks it still matches when it runs).
  scheduled_at          timestamptz,
  scheduled_note        text,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  updated_by            uuid,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id)
);
CREATE UNIQUE INDEX pages_one_home ON pages (tenant_id) WHERE is_home;
CREATE INDEX pages_list_idx ON pages (tenant_id, updated_at DESC, id DESC);

CREATE TABLE page_versions (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT mw_uuidv7(),
  page_id       uuid NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  document      jsonb NOT NULL,
  note          text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  -- Set when this version republished an older one (rollback).
  restored_from integer,
  published_by  uuid,
  published_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, page_id, version),
  FOREIGN KEY (tenant_id, page_id) REFERENCES pages (tenant_id, id) ON DELETE CASCADE
);

-- One row per store: theme and tab bar.
CREATE TABLE store_settings (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT mw_uuidv7(),
  draft              jsonb NOT NULL,
  draft_revision     integer NOT NULL DEFAULT 1 CHECK (draft_revision >= 1),
  published          jsonb,
  published_version  integer,
  published_at       timestamptz,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['pages', 'page_versions', 'store_settings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mallwright_app, mallwright_admin', t);
  END LOOP;
END
$$;
-- Published versions are immutable: the app may add them, never change or remove them.
REVOKE UPDATE, DELETE ON page_versions FROM mallwright_app;

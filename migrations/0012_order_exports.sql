-- Order exports: a merchant's CSV of the orders matching a filter, made by the orders.export job
-- with its progress here; the finished CSV is kept in `content` for download (a store's export is
-- capped, see services/orders/export-orders.ts). Contact details are masked when the member who
-- asked may not see them (orders:contact), decided when it is asked for.
CREATE TABLE order_exports (
  tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT mw_uuidv7(),
  status            text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  filters           jsonb NOT NULL DEFAULT '{}',
  masked            boolean NOT NULL,
  total_orders      integer NOT NULL DEFAULT 0 CHECK (total_orders >= 0),
  processed_orders  integer NOT NULL DEFAULT 0 CHECK (processed_orders >= 0),
  row_count         integer NOT NULL DEFAULT 0 CHECK (row_count >= 0),
  content           text,
  error             text CHECK (length(error) <= 500),
  created_by        uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES memberships (tenant_id, id) ON DELETE SET NULL (created_by)
);
CREATE INDEX order_exports_recent_idx ON order_exports (tenant_id, created_at DESC, id DESC);

ALTER TABLE order_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE order_exports FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON order_exports
  USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON order_exports TO mallwright_app, mallwright_admin;

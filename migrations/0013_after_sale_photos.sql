-- Shoppers' photos for after-sales: a media row uploaded by a shopper carries shopper_id (the
-- merchant's library lists only the store's own uploads, shopper_id IS NULL), and a request names
-- up to six of the shopper's photos, in order.
ALTER TABLE media ADD COLUMN shopper_id uuid;
ALTER TABLE media ADD CONSTRAINT media_shopper_fk
  FOREIGN KEY (tenant_id, shopper_id) REFERENCES shoppers (tenant_id, id) ON DELETE CASCADE;
CREATE INDEX media_shopper_idx ON media (tenant_id, shopper_id, created_at) WHERE shopper_id IS NOT NULL;

CREATE TABLE after_sale_photos (
  tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT mw_uuidv7(),
  after_sale_id  uuid NOT NULL,
  media_id       uuid NOT NULL,
  position       integer NOT NULL CHECK (position BETWEEN 0 AND 5),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, after_sale_id, position),
  UNIQUE (tenant_id, after_sale_id, media_id),
  FOREIGN KEY (tenant_id, after_sale_id) REFERENCES after_sales (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, media_id) REFERENCES media (tenant_id, id) ON DELETE RESTRICT
);
CREATE INDEX after_sale_photos_media_idx ON after_sale_photos (tenant_id, media_id);

ALTER TABLE after_sale_photos ENABLE ROW LEVEL SECURITY;
ALTER TABLE after_sale_photos FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON after_sale_photos
  USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON after_sale_photos TO mallwright_app, mallwright_admin;
-- A request's photos stay as they were sent.
REVOKE UPDATE ON after_sale_photos FROM mallwright_app;

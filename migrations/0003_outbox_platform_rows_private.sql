-- Platform-level outbox rows (tenant_id null: emails to a person, with links in them) become
-- insert-only for the app role: it may queue them but never read them back. Tenant rows stay
-- visible to their own tenant. The relay reads everything as mallwright_admin.
DROP POLICY tenant_isolation ON outbox;
CREATE POLICY tenant_rows ON outbox
  USING (tenant_id = mw_current_tenant())
  WITH CHECK (tenant_id IS NOT DISTINCT FROM mw_current_tenant());

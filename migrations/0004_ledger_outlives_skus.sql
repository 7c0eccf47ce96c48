-- Stock history must outlive a SKU removed by a dimension edit: the ledger keeps its rows, with
-- the SKU's spec values as they were, and loses only the link to the SKU.
ALTER TABLE inventory_ledger ADD COLUMN spec_values text[] NOT NULL DEFAULT '{}';
UPDATE inventory_ledger l SET spec_values = s.spec_values FROM skus s WHERE s.tenant_id = l.tenant_id AND s.id = l.sku_id;
ALTER TABLE inventory_ledger ALTER COLUMN sku_id DROP NOT NULL;
ALTER TABLE inventory_ledger DROP CONSTRAINT inventory_ledger_tenant_id_sku_id_fkey;
ALTER TABLE inventory_ledger ADD CONSTRAINT inventory_ledger_tenant_id_sku_id_fkey
  FOREIGN KEY (tenant_id, sku_id) REFERENCES skus (tenant_id, id) ON DELETE SET NULL (sku_id);

-- After-sales: a shopper asks for a refund (refund only, or return and refund) of a whole order or
-- some of its lines, up to what is still refundable; staff approve (the refund goes through the
-- order's payment provider; returned goods may go back into stock) or reject with a reason.
CREATE TABLE after_sales (
  tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT mw_uuidv7(),
  order_id       uuid NOT NULL,
  shopper_id     uuid NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('refund', 'return_refund')),
  status         text NOT NULL CHECK (status IN ('requested', 'rejected', 'refunded')),
  reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  amount         integer NOT NULL CHECK (amount > 0),
  decided_by     uuid,
  decision_note  text CHECK (length(decision_note) <= 200),
  restocked      boolean NOT NULL DEFAULT false,
  refund_ref     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  decided_at     timestamptz,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, shopper_id) REFERENCES shoppers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX after_sales_order_idx ON after_sales (tenant_id, order_id);
CREATE INDEX after_sales_status_idx ON after_sales (tenant_id, status, created_at DESC, id DESC);
-- One open request per order at a time.
CREATE UNIQUE INDEX after_sales_one_open ON after_sales (tenant_id, order_id) WHERE status = 'requested';

CREATE TABLE after_sale_lines (
  tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT mw_uuidv7(),
  after_sale_id  uuid NOT NULL,
  order_line_id  uuid NOT NULL,
  quantity       integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  amount         integer NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, after_sale_id, order_line_id),
  FOREIGN KEY (tenant_id, after_sale_id) REFERENCES after_sales (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, order_line_id) REFERENCES order_lines (tenant_id, id) ON DELETE CASCADE
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['after_sales', 'after_sale_lines'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mallwright_app, mallwright_admin', t);
  END LOOP;
END
$$;

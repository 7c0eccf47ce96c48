-- Checkout and orders: the store's shipping rules and pickup points, orders with their lines (prices,
-- titles and specs snapshotted), every state change as an event, per-store order numbers, and
-- idempotency keys for submissions.

-- One row per store (absent: the defaults in services/checkout/shipping-rules.ts).
CREATE TABLE checkout_settings (
  tenant_id              uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                     uuid NOT NULL DEFAULT mw_uuidv7(),
  express_enabled        boolean NOT NULL DEFAULT true,
  -- fen; region_fees: [{"province": "新疆维吾尔自治区", "fee": 2000}] replaces flat_fee there
  flat_fee               integer NOT NULL DEFAULT 0 CHECK (flat_fee BETWEEN 0 AND 100000000),
  free_over              integer CHECK (free_over BETWEEN 0 AND 100000000),
  region_fees            jsonb NOT NULL DEFAULT '[]',
  pickup_enabled         boolean NOT NULL DEFAULT false,
  payment_timeout_min    integer NOT NULL DEFAULT 30 CHECK (payment_timeout_min BETWEEN 5 AND 1440),
  auto_confirm_days      integer NOT NULL DEFAULT 7 CHECK (auto_confirm_days BETWEEN 1 AND 30),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id)
);

CREATE TABLE pickup_points (
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT mw_uuidv7(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  address     text NOT NULL CHECK (length(address) BETWEEN 1 AND 120),
  phone       text CHECK (length(phone) <= 20),
  hours       text CHECK (length(hours) <= 60),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id)
);

-- Order numbers: yymmdd + a per-store counter of the day (6+ digits), e.g. 261202000042.
CREATE TABLE order_sequences (
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id         uuid NOT NULL DEFAULT mw_uuidv7(),
  day        date NOT NULL,
  last       integer NOT NULL,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, day)
);

CREATE TABLE orders (
  tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT mw_uuidv7(),
  number            text NOT NULL,
  shopper_id        uuid NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending_payment', 'paid', 'shipped', 'delivered', 'completed', 'cancelled')),
  delivery          text NOT NULL CHECK (delivery IN ('express', 'pickup')),
  -- express: the address as it was, personal fields encrypted like the address book's
  recipient_enc     text,
  phone_enc         text,
  phone_tail        text CHECK (phone_tail ~ '^[0-9]{0,4}$'),
  province          text,
  city              text,
  district          text,
  detail_enc        text,
  -- pickup: the point as it was, and the code the shopper shows
  pickup_point_id   uuid,
  pickup_name       text,
  pickup_address    text,
  pickup_code       text CHECK (pickup_code ~ '^[0-9]{6}$'),
  items_total       integer NOT NULL CHECK (items_total >= 0),
  shipping_fee      integer NOT NULL CHECK (shipping_fee >= 0),
  total             integer NOT NULL CHECK (total >= 0),
  currency          text NOT NULL DEFAULT 'CNY',
  item_count        integer NOT NULL CHECK (item_count > 0),
  note              text CHECK (length(note) <= 200),
  merchant_remark   text CHECK (length(merchant_remark) <= 500),
  payment_provider  text,
  payment_ref       text,
  pay_by            timestamptz NOT NULL,
  paid_at           timestamptz,
  shipped_at        timestamptz,
  carrier           text CHECK (length(carrier) <= 40),
  tracking_no       text CHECK (length(tracking_no) <= 60),
  delivered_at      timestamptz,
  completed_at      timestamptz,
  cancelled_at      timestamptz,
  cancel_reason     text CHECK (length(cancel_reason) <= 200),
  refunded_total    integer NOT NULL DEFAULT 0 CHECK (refunded_total >= 0 AND refunded_total <= total),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, shopper_id) REFERENCES shoppers (tenant_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (tenant_id, pickup_point_id) REFERENCES pickup_points (tenant_id, id) ON DELETE SET NULL (pickup_point_id),
  CHECK (delivery <> 'express' OR (recipient_enc IS NOT NULL AND phone_enc IS NOT NULL AND detail_enc IS NOT NULL)),
  CHECK (delivery <> 'pickup' OR (pickup_name IS NOT NULL AND pickup_code IS NOT NULL))
);
CREATE INDEX orders_shopper_idx ON orders (tenant_id, shopper_id, created_at DESC, id DESC);
CREATE INDEX orders_status_idx ON orders (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX orders_created_idx ON orders (tenant_id, created_at DESC, id DESC);

CREATE TABLE order_lines (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT mw_uuidv7(),
  order_id           uuid NOT NULL,
  position           integer NOT NULL,
  sku_id             uuid,
  product_id         uuid,
  title              text NOT NULL,
  spec_values        text[] NOT NULL DEFAULT '{}',
  image              text,
  unit_price         integer NOT NULL CHECK (unit_price >= 0),
  quantity           integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  refunded_quantity  integer NOT NULL DEFAULT 0 CHECK (refunded_quantity BETWEEN 0 AND quantity),
  refunded_amount    integer NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, order_id, position),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, sku_id) REFERENCES skus (tenant_id, id) ON DELETE SET NULL (sku_id),
  FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id) ON DELETE SET NULL (product_id)
);
CREATE INDEX order_lines_sku_idx ON order_lines (tenant_id, sku_id);

CREATE TABLE order_events (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT mw_uuidv7(),
  order_id     uuid NOT NULL,
  from_status  text,
  to_status    text NOT NULL,
  actor        text NOT NULL CHECK (actor IN ('shopper', 'merchant', 'system')),
  actor_id     uuid,
  note         text CHECK (length(note) <= 500),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX order_events_order_idx ON order_events (tenant_id, order_id, created_at, id);

-- Idempotency-Key of a write (scope + who + key): the first request's hash and, once done, its answer.
CREATE TABLE idempotency_keys (
  tenant_id        uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT mw_uuidv7(),
  scope            text NOT NULL,
  owner_id         uuid NOT NULL,
  key              text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
  request_hash     text NOT NULL,
  status           text NOT NULL CHECK (status IN ('in_flight', 'done')),
  response_status  integer,
  response_body    jsonb,
  locked_until     timestamptz NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, scope, owner_id, key)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['checkout_settings', 'pickup_points', 'order_sequences', 'orders', 'order_lines',
                           'order_events', 'idempotency_keys'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mallwright_app, mallwright_admin', t);
  END LOOP;
END
$$;
-- The history of an order is append-only for the app.
REVOKE UPDATE, DELETE ON order_events FROM mallwright_app;

-- WeChat: Pay v3 in partner mode (one sub-merchant per store), the third-party platform (component)
-- that signs shoppers in and uploads shipping info for each store's mini-program, and the daily
-- bill reconciliation.

-- A store's WeChat settings, set by platform admins; the store reads its own (onboarding status).
-- The authorizer tokens (the store's mini-program as authorized to the platform's component) are
-- field-encrypted like personal data; the app role may refresh them and nothing else.
CREATE TABLE tenant_wechat (
  tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT mw_uuidv7(),
  sub_mchid            text CHECK (sub_mchid ~ '^[0-9]{8,32}$'),
  sub_appid            text CHECK (sub_appid ~ '^wx[0-9a-f]{16}$'),
  onboarding_status    text NOT NULL DEFAULT 'not_started'
                       CHECK (onboarding_status IN ('not_started', 'submitted', 'active', 'rejected', 'suspended')),
  onboarding_note      text CHECK (length(onboarding_note) <= 500),
  authorizer_refresh_token_enc  text,
  authorizer_access_token_enc   text,
  authorizer_token_expires_at   timestamptz,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id),
  UNIQUE (sub_mchid),
  UNIQUE (sub_appid)
);
ALTER TABLE tenant_wechat ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_wechat FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_wechat
  USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_wechat TO mallwright_admin;
GRANT SELECT ON tenant_wechat TO mallwright_app;
GRANT UPDATE (authorizer_refresh_token_enc, authorizer_access_token_enc, authorizer_token_expires_at, updated_at)
  ON tenant_wechat TO mallwright_app;

-- The third-party platform's own state: the verify ticket WeChat pushes every ten minutes and the
-- component access token made from it (both encrypted at rest). One row.
CREATE TABLE wechat_component (
  id                       smallint PRIMARY KEY CHECK (id = 1),
  verify_ticket_enc        text,
  ticket_at                timestamptz,
  access_token_enc         text,
  access_token_expires_at  timestamptz,
  updated_at               timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON wechat_component TO mallwright_app, mallwright_admin;

-- Narrow doors across stores (like mw_resolve_session): a notification names its sub-merchant,
-- and the daily bill job visits every store that has one.
CREATE FUNCTION mw_tenant_by_sub_mchid(p_sub_mchid text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT tenant_id FROM tenant_wechat WHERE sub_mchid = p_sub_mchid
$fn$;
CREATE FUNCTION mw_wechat_sub_merchants() RETURNS TABLE (tenant_id uuid, sub_mchid text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT tenant_id, sub_mchid FROM tenant_wechat
  WHERE sub_mchid IS NOT NULL AND onboarding_status IN ('active', 'suspended') ORDER BY tenant_id
$fn$;
REVOKE ALL ON FUNCTION mw_tenant_by_sub_mchid(text), mw_wechat_sub_merchants() FROM PUBLIC;
ALTER FUNCTION mw_tenant_by_sub_mchid(text) OWNER TO mallwright_admin;
ALTER FUNCTION mw_wechat_sub_merchants() OWNER TO mallwright_admin;
GRANT EXECUTE ON FUNCTION mw_tenant_by_sub_mchid(text), mw_wechat_sub_merchants() TO mallwright_app;

-- One WeChat payment per order: out_trade_no is the order number; the prepay id is reused while
-- it is valid. `late` marks money that arrived for an order already cancelled (refunded at once).
CREATE TABLE payments (
  tenant_id          uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT mw_uuidv7(),
  order_id           uuid NOT NULL,
  provider           text NOT NULL CHECK (provider IN ('wechat')),
  out_trade_no       text NOT NULL,
  sub_mchid          text NOT NULL,
  sub_appid          text NOT NULL,
  openid             text NOT NULL,
  amount             integer NOT NULL CHECK (amount > 0),
  status             text NOT NULL DEFAULT 'prepaid' CHECK (status IN ('prepaid', 'paid', 'closed', 'refunded_late')),
  prepay_id          text,
  prepay_expires_at  timestamptz,
  transaction_id     text,
  paid_at            timestamptz,
  closed_at          timestamptz,
  late               boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, order_id),
  UNIQUE (tenant_id, out_trade_no),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX payments_status_idx ON payments (tenant_id, status, created_at);

-- Every verified notification, once (WeChat's id); the job that applies it sets applied_at.
CREATE TABLE payment_notifications (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  event_type    text NOT NULL,
  resource      jsonb NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  applied_at    timestamptz,
  outcome       text,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id)
);

-- Money in and out, one row per movement: a capture per payment, a refund per refund.
CREATE TABLE payment_ledger (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT mw_uuidv7(),
  order_id     uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('capture', 'refund')),
  amount       integer NOT NULL CHECK (amount > 0),
  ref          text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, kind, ref),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX payment_ledger_order_idx ON payment_ledger (tenant_id, order_id);

-- Refunds through the provider: asked for by a job (retried), answered by notification or query.
CREATE TABLE refunds (
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT mw_uuidv7(),
  order_id        uuid NOT NULL,
  after_sale_id   uuid,
  out_refund_no   text NOT NULL,
  amount          integer NOT NULL CHECK (amount > 0),
  reason          text NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'succeeded', 'failed')),
  refund_id       text,
  error           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  completed_at    timestamptz,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, out_refund_no),
  FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, after_sale_id) REFERENCES after_sales (tenant_id, id) ON DELETE SET NULL (after_sale_id)
);
CREATE INDEX refunds_order_idx ON refunds (tenant_id, order_id);

-- The daily bill per store: one run per day, and what did not match.
CREATE TABLE bill_runs (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT mw_uuidv7(),
  bill_date     date NOT NULL,
  status        text NOT NULL CHECK (status IN ('matched', 'differences', 'no_bill')),
  bill_rows     integer NOT NULL DEFAULT 0,
  matched       integer NOT NULL DEFAULT 0,
  differences   integer NOT NULL DEFAULT 0,
  bill_total    integer NOT NULL DEFAULT 0,
  refund_total  integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, bill_date)
);
CREATE TABLE bill_differences (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT mw_uuidv7(),
  bill_run_id   uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('missing_here', 'missing_in_bill', 'amount_mismatch')),
  entry         text NOT NULL CHECK (entry IN ('payment', 'refund')),
  ref           text NOT NULL,
  ours          integer,
  theirs        integer,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, bill_run_id) REFERENCES bill_runs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX bill_differences_run_idx ON bill_differences (tenant_id, bill_run_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['payments', 'payment_notifications', 'payment_ledger', 'refunds', 'bill_runs', 'bill_differences']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mallwright_app, mallwright_admin', t);
  END LOOP;
END $$;
-- Ledger rows and notifications are never rewritten.
REVOKE UPDATE, DELETE ON payment_ledger FROM mallwright_app;
REVOKE DELETE ON payment_notifications FROM mallwright_app;

-- Shipping info uploaded to WeChat (the mini-program order-shipping API) after a shipment.
ALTER TABLE orders ADD COLUMN shipping_upload_status text
  CHECK (shipping_upload_status IN ('pending', 'uploaded', 'failed', 'not_needed'));
ALTER TABLE orders ADD COLUMN shipping_upload_error text;
ALTER TABLE orders ADD COLUMN shipping_uploaded_at timestamptz;

-- A shopper's phone number from getPhoneNumber, encrypted like addresses.
ALTER TABLE shoppers ADD COLUMN phone_enc text;
ALTER TABLE shoppers ADD COLUMN phone_tail text CHECK (phone_tail ~ '^[0-9]{4}$');

-- A WeChat refund is asked for, then confirmed by notification: the request waits in between.
ALTER TABLE after_sales DROP CONSTRAINT after_sales_status_check;
ALTER TABLE after_sales ADD CONSTRAINT after_sales_status_check
  CHECK (status IN ('requested', 'rejected', 'refunding', 'refunded', 'refund_failed'));
DROP INDEX after_sales_one_open;
CREATE UNIQUE INDEX after_sales_one_open ON after_sales (tenant_id, order_id) WHERE status IN ('requested', 'refunding');

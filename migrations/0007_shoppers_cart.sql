-- Shoppers (one record per person per store), their sessions, and their carts.
-- A shopper belongs to one store: the same WeChat user in two stores is two shoppers, so nothing a
-- shopper holds can be reached through another store. Sessions are looked up inside the store's
-- scope (the store is known from X-Mallwright-Tenant before the token), so no cross-tenant door.

CREATE TABLE shoppers (
  tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT mw_uuidv7(),
  -- 'wechat': subject is the openid for the store's mini-program; 'dev': the development login's name.
  provider      text NOT NULL CHECK (provider IN ('wechat', 'dev')),
  subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 128),
  unionid       text CHECK (length(unionid) <= 128),
  nickname      text CHECK (length(nickname) <= 64),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, provider, subject)
);

CREATE TABLE shopper_sessions (
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT mw_uuidv7(),
  shopper_id  uuid NOT NULL,
  token_hash  bytea NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, shopper_id) REFERENCES shoppers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX shopper_sessions_shopper_idx ON shopper_sessions (tenant_id, shopper_id);

-- One line per SKU per shopper. A SKU removed from its product leaves the line (sku_id null) with
-- what the shopper saw, so the cart can say what went away instead of losing it silently.
CREATE TABLE cart_items (
  tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT mw_uuidv7(),
  shopper_id     uuid NOT NULL,
  sku_id         uuid,
  quantity       integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  selected       boolean NOT NULL DEFAULT true,
  -- The unit price (fen) the shopper last saw for this line: a change since is reported.
  price_seen     integer NOT NULL CHECK (price_seen >= 0),
  title_seen     text NOT NULL CHECK (length(title_seen) <= 200),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, shopper_id, sku_id),
  FOREIGN KEY (tenant_id, shopper_id) REFERENCES shoppers (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, sku_id) REFERENCES skus (tenant_id, id) ON DELETE SET NULL (sku_id)
);
CREATE INDEX cart_items_shopper_idx ON cart_items (tenant_id, shopper_id, created_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['shoppers', 'shopper_sessions', 'cart_items'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mallwright_app, mallwright_admin', t);
  END LOOP;
END
$$;

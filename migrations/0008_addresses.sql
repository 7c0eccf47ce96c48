-- Shoppers' address books. Name, phone and street are personal data: stored encrypted
-- (AES-256-GCM, integrations/crypto/field-cipher.ts; the key id is part of each value). The region
-- (province, city, district) stays readable for shipping rules; the phone's last four digits too,
-- for merchants finding an order by "phone tail".
CREATE TABLE addresses (
  tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT mw_uuidv7(),
  shopper_id     uuid NOT NULL,
  recipient_enc  text NOT NULL,
  phone_enc      text NOT NULL,
  phone_tail     text NOT NULL CHECK (phone_tail ~ '^[0-9]{0,4}$'),
  province       text NOT NULL CHECK (length(province) BETWEEN 1 AND 30),
  city           text NOT NULL CHECK (length(city) BETWEEN 1 AND 30),
  district       text NOT NULL CHECK (length(district) <= 30),
  detail_enc     text NOT NULL,
  postal_code    text CHECK (postal_code ~ '^[0-9]{6}$'),
  label          text CHECK (length(label) <= 10),
  is_default     boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, shopper_id) REFERENCES shoppers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX addresses_shopper_idx ON addresses (tenant_id, shopper_id, created_at);
-- At most one default per shopper.
CREATE UNIQUE INDEX addresses_one_default ON addresses (tenant_id, shopper_id) WHERE is_default;

ALTER TABLE addresses ENABLE ROW LEVEL SECURITY;
ALTER TABLE addresses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON addresses USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON addresses TO mallwright_app, mallwright_admin;

-- Catalog and media: media library, two-level categories, products (SPU) with spec dimensions
-- and SKUs, the inventory ledger, CSV import jobs, the search log and store catalog settings.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE media (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT mw_uuidv7(),
  kind         text NOT NULL CHECK (kind IN ('image', 'video')),
  mime         text NOT NULL,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  storage_key  text NOT NULL,
  bytes        bigint NOT NULL CHECK (bytes > 0),
  width        integer,
  height       integer,
  duration_ms  integer,
  sha256       text NOT NULL,
  folder       text NOT NULL DEFAULT '' CHECK (length(folder) <= 100),
  tags         text[] NOT NULL DEFAULT '{}',
  -- Derived renditions: {"thumb": {"key": "...", "width": 240, "height": 240, "bytes": 1234, "mime": "image/webp"}, ...}
  variants     jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (storage_key)
);
CREATE INDEX media_list_idx ON media (tenant_id, created_at DESC, id DESC);
CREATE INDEX media_name_trgm ON media USING gin (name gin_trgm_ops);

CREATE TABLE categories (
  tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT mw_uuidv7(),
  parent_id      uuid,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  icon_media_id  uuid,
  visible        boolean NOT NULL DEFAULT true,
  position       integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  CHECK (parent_id IS NULL OR parent_id <> id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES categories (tenant_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (tenant_id, icon_media_id) REFERENCES media (tenant_id, id) ON DELETE RESTRICT
);
CREATE INDEX categories_tree_idx ON categories (tenant_id, parent_id, position);

CREATE TABLE products (
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT mw_uuidv7(),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  subtitle        text NOT NULL DEFAULT '' CHECK (length(subtitle) <= 200),
  detail_html     text NOT NULL DEFAULT '',
  category_id     uuid,
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'on_shelf', 'off_shelf')),
  tags            text[] NOT NULL DEFAULT '{}',
  video_media_id  uuid,
  -- Spec dimensions, in order: [{"name": "颜色", "values": ["红", "蓝"]}, ...]; [] = a single SKU.
  dimensions      jsonb NOT NULL DEFAULT '[]',
  currency        text NOT NULL DEFAULT 'CNY' CHECK (currency ~ '^[A-Z]{3}$'),
  -- Kept in step with the SKUs by the catalog services (lists sort and filter on them).
  price_min       integer NOT NULL DEFAULT 0 CHECK (price_min >= 0),
  price_max       integer NOT NULL DEFAULT 0 CHECK (price_max >= price_min),
  stock_total     integer NOT NULL DEFAULT 0 CHECK (stock_total >= 0),
  sales_count     integer NOT NULL DEFAULT 0 CHECK (sales_count >= 0),
  on_shelf_at     timestamptz,
  deleted_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, category_id) REFERENCES categories (tenant_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (tenant_id, video_media_id) REFERENCES media (tenant_id, id) ON DELETE RESTRICT
);
CREATE INDEX products_list_idx ON products (tenant_id, status, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX products_category_idx ON products (tenant_id, category_id) WHERE deleted_at IS NULL;
CREATE INDEX products_tags_idx ON products USING gin (tags);
CREATE INDEX products_title_trgm ON products USING gin (title gin_trgm_ops);
CREATE INDEX products_subtitle_trgm ON products USING gin (subtitle gin_trgm_ops);

-- Ordered gallery of a product.
CREATE TABLE product_images (
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT mw_uuidv7(),
  product_id  uuid NOT NULL,
  media_id    uuid NOT NULL,
  position    integer NOT NULL,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, product_id, position),
  FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, media_id) REFERENCES media (tenant_id, id) ON DELETE RESTRICT
);
CREATE INDEX product_images_media_idx ON product_images (tenant_id, media_id);

CREATE TABLE skus (
  tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT mw_uuidv7(),
  product_id           uuid NOT NULL,
  -- One value per dimension, in the product's dimension order; {} for a product without dimensions.
  spec_values          text[] NOT NULL DEFAULT '{}',
  -- spec_values joined canonically; unique per product.
  spec_key             text NOT NULL,
  price                integer NOT NULL CHECK (price >= 0),
  compare_at_price     integer CHECK (compare_at_price >= 0),
  stock                integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  code                 text CHECK (code IS NULL OR length(code) BETWEEN 1 AND 64),
  image_media_id       uuid,
  weight_grams         integer CHECK (weight_grams >= 0),
  low_stock_threshold  integer CHECK (low_stock_threshold >= 0),
  position             integer NOT NULL DEFAULT 0,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, product_id, spec_key),
  FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, image_media_id) REFERENCES media (tenant_id, id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX skus_code_idx ON skus (tenant_id, code) WHERE code IS NOT NULL;
CREATE INDEX skus_media_idx ON skus (tenant_id, image_media_id) WHERE image_media_id IS NOT NULL;

-- Every stock change, so stock can always be explained.
CREATE TABLE inventory_ledger (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT mw_uuidv7(),
  sku_id       uuid NOT NULL,
  product_id   uuid NOT NULL,
  delta        integer NOT NULL,
  stock_after  integer NOT NULL CHECK (stock_after >= 0),
  reason       text NOT NULL CHECK (reason IN ('initial', 'manual', 'import', 'order', 'cancel', 'refund', 'bulk')),
  note         text,
  ref          text,
  actor_id     uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, sku_id) REFERENCES skus (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX inventory_ledger_sku_idx ON inventory_ledger (tenant_id, sku_id, created_at DESC);
CREATE INDEX inventory_ledger_sales_idx ON inventory_ledger (tenant_id, created_at) WHERE reason = 'order';

-- CSV imports run as jobs; the file and the per-row error report live here.
CREATE TABLE catalog_imports (
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT mw_uuidv7(),
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  filename        text NOT NULL,
  content         text NOT NULL,
  total_rows      integer NOT NULL DEFAULT 0,
  processed_rows  integer NOT NULL DEFAULT 0,
  created_count   integer NOT NULL DEFAULT 0,
  updated_count   integer NOT NULL DEFAULT 0,
  error_count     integer NOT NULL DEFAULT 0,
  errors          jsonb NOT NULL DEFAULT '[]',
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id)
);

-- What shoppers searched for: hot words per store.
CREATE TABLE search_log (
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT mw_uuidv7(),
  query       text NOT NULL CHECK (length(query) BETWEEN 1 AND 100),
  results     integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id)
);
CREATE INDEX search_log_recent_idx ON search_log (tenant_id, created_at DESC);

-- Per-store catalog settings (one row per store, created on first write).
CREATE TABLE catalog_settings (
  tenant_id            uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT mw_uuidv7(),
  low_stock_default    integer NOT NULL DEFAULT 10 CHECK (low_stock_default >= 0),
  replenishment_days   integer NOT NULL DEFAULT 7 CHECK (replenishment_days BETWEEN 1 AND 365),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['media', 'categories', 'products', 'product_images', 'skus', 'inventory_ledger',
                           'catalog_imports', 'search_log', 'catalog_settings'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO mallwright_app, mallwright_admin', t);
  END LOOP;
END
$$;

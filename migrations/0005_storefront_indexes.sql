-- Storefront sorts by price and by sales: an index in the order the list reads (the id breaks ties,
-- as in the ORDER BY and the cursor), so a page is the first rows of one index range rather than a
-- sort of every on-shelf product of the store. Binned products are never listed: partial, like
-- products_list_idx. Price descending reads the price index backwards.
CREATE INDEX products_price_idx ON products (tenant_id, status, price_min, id) WHERE deleted_at IS NULL;
CREATE INDEX products_sales_idx ON products (tenant_id, status, sales_count DESC, id DESC) WHERE deleted_at IS NULL;

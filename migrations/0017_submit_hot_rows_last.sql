-- The order submission takes its contended rows last.
--
-- A sale's SKU, its product and the store's order counter are rows every submission of that store
-- updates, so their locks queue the submissions one behind the other, and a lock is held from the
-- update that takes it until the commit (WAL flush included). Everything mw_submit_order did after
-- its first update of those rows (the order's lines, its first event, the outbox rows and their
-- foreign-key checks) was time the next submission waited. Now only what needs those rows comes
-- after them: the stock, its ledger rows, the order number and the order itself.
--
-- The lines and the event are written before the order they belong to, so their keys to the order
-- (and the lines' keys to the SKU and the product, which would otherwise take a share lock on the
-- contended rows before the update does) are checked at the commit (SET CONSTRAINTS ... DEFERRED,
-- for this transaction only: DEFERRABLE INITIALLY IMMEDIATE keeps every other writer as it was).
-- By then the transaction holds those rows itself and each check is a lookup.
ALTER TABLE order_lines ALTER CONSTRAINT order_lines_tenant_id_order_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE order_lines ALTER CONSTRAINT order_lines_tenant_id_sku_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE order_lines ALTER CONSTRAINT order_lines_tenant_id_product_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE order_events ALTER CONSTRAINT order_events_tenant_id_order_id_fkey DEFERRABLE INITIALLY IMMEDIATE;

-- As in 0016 (same arguments, checks and answer), in this order:
--   the Idempotency-Key (advisory lock: idempotency_in_flight; its row: idempotency_used);
--   the shopper's row locked and the planned cart lines taken out of the cart (cart_changed,
--     shopper_gone); the pickup point's row share-locked, as the order's key to it would;
--   the order's lines, its first event and its jobs in the outbox (keys checked at commit);
--   then the contended rows: the products locked (several in id order) with their stock totals
--     lowered (off_shelf), the SKUs' stock taken by a guarded update (sku_changed, price_changed,
--     sold_out), the ledger rows, the store's next order number and the order.
CREATE OR REPLACE FUNCTION mw_submit_order(
  p_tenant uuid, p_shopper uuid, p_order uuid, p_claim jsonb, p_head jsonb, p_lines jsonb,
  p_skus uuid[], p_products uuid[], p_jobs jsonb, p_channel text
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
  v_count int;
  v_check record;
  v_lines jsonb;
  v_result jsonb;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  SET CONSTRAINTS order_lines_tenant_id_order_id_fkey, order_lines_tenant_id_sku_id_fkey,
    order_lines_tenant_id_product_id_fkey, order_events_tenant_id_order_id_fkey DEFERRED;

  PERFORM mw_assert(pg_try_advisory_xact_lock(hashtextextended(
    (p_claim->>'scope') || ':' || p_tenant || ':' || p_shopper || ':' || (p_claim->>'key'), 0)), 'idempotency_in_flight');
  INSERT INTO idempotency_keys (tenant_id, scope, owner_id, key, request_hash, status, response_status,
                                response_body, locked_until)
  VALUES (p_tenant, p_claim->>'scope', p_shopper, p_claim->>'key', p_claim->>'hash', 'done', 201,
          jsonb_build_object('ref', p_order::text), now())
  ON CONFLICT (tenant_id, scope, owner_id, key) DO NOTHING;
  PERFORM mw_assert(FOUND, 'idempotency_used');

  PERFORM 1 FROM shoppers WHERE id = p_shopper FOR UPDATE;
  PERFORM mw_assert(FOUND, 'shopper_gone');
  DELETE FROM cart_items c USING jsonb_to_recordset(p_lines) AS v(item_id uuid, sku_id uuid, quantity int)
  WHERE c.shopper_id = p_shopper AND c.id = v.item_id AND c.selected AND c.sku_id = v.sku_id
    AND c.quantity = v.quantity;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM mw_assert(v_count = jsonb_array_length(p_lines), 'cart_changed');
  IF p_head->>'pickup_point_id' IS NOT NULL THEN
    PERFORM 1 FROM pickup_points WHERE id = (p_head->>'pickup_point_id')::uuid FOR KEY SHARE;
  END IF;

  WITH lines_added AS (
    INSERT INTO order_lines (tenant_id, order_id, position, sku_id, product_id, title, spec_values, image,
                             unit_price, quantity)
    SELECT p_tenant, p_order, v.position, v.sku_id, v.product_id, v.title,
           ARRAY(SELECT jsonb_array_elements_text(v.spec_values)), v.image, v.unit_price, v.quantity
    FROM jsonb_to_recordset(p_lines) AS v(position int, sku_id uuid, product_id uuid, title text,
      spec_values jsonb, image text, unit_price int, quantity int)
    RETURNING id, position),
  first_event AS (
    INSERT INTO order_events (tenant_id, order_id, from_status, to_status, actor, actor_id, created_at)
    VALUES (p_tenant, p_order, NULL, 'pending_payment', 'shopper', p_shopper, (p_head->>'created_at')::timestamptz)),
  jobs AS (
    INSERT INTO outbox (id, tenant_id, job, payload, available_at)
    SELECT j.id, p_tenant, j.job, j.payload, now() + j.delay_ms * interval '1 millisecond'
    FROM jsonb_to_recordset(p_jobs) AS j(id uuid, job text, payload jsonb, delay_ms bigint))
  SELECT jsonb_agg(jsonb_build_object('id', id, 'position', position) ORDER BY position) INTO v_lines
  FROM lines_added;

  -- The contended rows, from here to the commit. The products first (every stock writer does);
  -- several are locked in id order before anything else, so two orders never wait for each other's.
  -- Their stock totals go down by what this order takes (a total at the int cap, where the sum no
  -- longer fits, is summed again; one that would go below zero means too little stock, which the
  -- SKUs' guarded update below finds and refuses).
  IF cardinality(p_products) > 1 THEN
    PERFORM 1 FROM products WHERE id = ANY(p_products) ORDER BY id FOR UPDATE;
  END IF;
  UPDATE products p
  SET stock_total = CASE WHEN p.stock_total = 2147483647
                         THEN least((SELECT sum(k.stock) FROM skus k WHERE k.product_id = p.id) - t.taken, 2147483647)
                         ELSE greatest(p.stock_total - t.taken, 0) END,
      updated_at = now()
  FROM (SELECT v.product_id, sum(v.quantity) AS taken
        FROM jsonb_to_recordset(p_lines) AS v(product_id uuid, quantity int) GROUP BY v.product_id) t
  WHERE p.id = t.product_id AND p.status = 'on_shelf' AND p.deleted_at IS NULL;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM mw_assert(v_count = cardinality(p_products), 'off_shelf');
  IF cardinality(p_skus) > 1 THEN
    PERFORM 1 FROM skus WHERE id = ANY(p_skus) ORDER BY id FOR UPDATE;
  END IF;

  WITH changed AS (
    UPDATE skus s SET stock = s.stock - v.quantity, updated_at = now()
    FROM jsonb_to_recordset(p_lines) AS v(sku_id uuid, unit_price int, quantity int)
    WHERE s.id = v.sku_id AND s.stock >= v.quantity AND s.price = v.unit_price
    RETURNING s.id, s.product_id, s.spec_values, s.stock, -v.quantity AS delta),
  seq AS (
    INSERT INTO order_sequences (tenant_id, day, last)
    VALUES (p_tenant, (now() AT TIME ZONE 'Asia/Shanghai')::date, 1)
    ON CONFLICT (tenant_id, day) DO UPDATE SET last = order_sequences.last + 1
    RETURNING to_char(day, 'YYMMDD') || lpad(last::text, greatest(6, length(last::text)), '0') AS number),
  ledger AS (
    INSERT INTO inventory_ledger (tenant_id, sku_id, spec_values, product_id, delta, stock_after, reason, ref)
    SELECT p_tenant, changed.id, changed.spec_values, changed.product_id, changed.delta, changed.stock,
           'order', seq.number
    FROM changed, seq),
  ord AS (
    INSERT INTO orders (tenant_id, id, number, shopper_id, status, delivery,
                        recipient_enc, phone_enc, phone_tail, province, city, district, detail_enc,
                        pickup_point_id, pickup_name, pickup_address, pickup_code,
                        items_total, shipping_fee, total, currency, item_count, note, pay_by, created_at, updated_at)
    SELECT p_tenant, p_order, seq.number, p_shopper, 'pending_payment', p_head->>'delivery',
           p_head->>'recipient_enc', p_head->>'phone_enc', p_head->>'phone_tail',
           p_head->>'province', p_head->>'city', p_head->>'district', p_head->>'detail_enc',
           (p_head->>'pickup_point_id')::uuid, p_head->>'pickup_name', p_head->>'pickup_address',
           p_head->>'pickup_code', (p_head->>'items_total')::int, (p_head->>'shipping_fee')::int,
           (p_head->>'total')::int, p_head->>'currency', (p_head->>'item_count')::int, p_head->>'note',
           (p_head->>'pay_by')::timestamptz, (p_head->>'created_at')::timestamptz,
           (p_head->>'created_at')::timestamptz
    FROM seq
    RETURNING number)
  SELECT jsonb_build_object(
           'taken', (SELECT count(*) FROM changed)::int,
           'soldOut', coalesce((SELECT bool_or(stock = 0) FROM changed), false),
           'number', ord.number,
           'lines', v_lines)
  INTO v_result
  FROM ord;
  IF v_result IS NULL OR (v_result->>'taken')::int <> cardinality(p_skus) THEN
    -- Which check failed (the rows are locked now, so this is what the update saw).
    SELECT count(*)::int AS n, coalesce(bool_and(k.price = v.unit_price), false) AS same_price
    INTO v_check
    FROM skus k JOIN jsonb_to_recordset(p_lines) AS v(sku_id uuid, unit_price int) ON v.sku_id = k.id;
    PERFORM mw_assert(v_check.n = cardinality(p_skus), 'sku_changed');
    PERFORM mw_assert(v_check.same_price, 'price_changed');
    PERFORM mw_assert(false, 'sold_out');
  END IF;

  IF (v_result->>'soldOut')::boolean THEN
    PERFORM pg_notify(p_channel, p_tenant::text);
  END IF;
  RETURN v_result - 'taken';
END
$fn$;

-- The order submission's write and the shopper's session lookup, each ONE statement.
--
-- A statement sent on its own is its own transaction (the extended protocol commits it at its
-- Sync), so a function that scopes itself needs no BEGIN, no separate set_config and no COMMIT:
-- one message from the server, one answer from PostgreSQL. On the bench (bench/README.md, "Orders")
-- the pipelined transaction of 8 statements that this replaces cost more in protocol handling,
-- socket writes and per-statement setup, on both sides, than in the work itself.

-- The shopper behind a session token, in one store only (the caller names the store it serves):
-- like mw_resolve_session, a narrow door through RLS for the hash of a secret the caller holds.
-- PL/pgSQL rather than SQL: a SQL function that cannot be inlined (SECURITY DEFINER) has its query
-- planned again on every call, a PL/pgSQL one keeps the plan for the connection.
CREATE FUNCTION mw_resolve_shopper_session(p_tenant uuid, p_token_hash bytea)
RETURNS TABLE (session_id uuid, shopper_id uuid, expires_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
BEGIN
  RETURN QUERY
    SELECT s.id, s.shopper_id, s.expires_at FROM shopper_sessions s
    WHERE s.token_hash = p_token_hash AND s.tenant_id = p_tenant AND s.revoked_at IS NULL
      AND s.expires_at > now();
END
$fn$;
REVOKE ALL ON FUNCTION mw_resolve_shopper_session(uuid, bytea) FROM PUBLIC;
ALTER FUNCTION mw_resolve_shopper_session(uuid, bytea) OWNER TO mallwright_admin;
GRANT EXECUTE ON FUNCTION mw_resolve_shopper_session(uuid, bytea) TO mallwright_app;

-- mw_submit_order: the whole write of an order submission (services/orders/submit-order.ts makes
-- the plan and the arguments), as the caller (RLS applies: SECURITY INVOKER), scoped to p_tenant
-- for the rest of its transaction. In this order, each check an mw_assert (migrations/0011) whose
-- failure ('mallwright:<code>') rolls everything back:
--   the Idempotency-Key: its transaction-scoped advisory lock (held by another request:
--     idempotency_in_flight, at once) and its row, "done", naming the order (already there:
--     idempotency_used);
--   the shopper's row locked (cart changes queue behind it) and the planned cart lines taken out of
--     the cart exactly as planned (cart_changed; shopper_gone);
--   the products, then the SKUs, locked (in id order when there are several, as every stock writer
--     does, services/inventory/change-stock.ts): the products on the shelf (off_shelf) with their
--     stock totals lowered; the stock taken by a guarded update (never below zero, at the planned
--     price), and when it could not be, why: the SKU gone (sku_changed), another price
--     (price_changed), not enough stock (sold_out);
--   with the stock its ledger rows, the store's next
--     order number (per day, China time), the order, its lines as planned, its first event and
--     the jobs (the payment timeout's cancel, the status event) in the outbox;
--   and the page cache told (NOTIFY p_channel) when a SKU sold out.
-- Returns {number, lines: [{id, position}], soldOut}.
--
-- p_claim: {scope, key, hash}; p_head: the order's own columns (delivery, recipient_enc,
-- phone_enc, phone_tail, province, city, district, detail_enc, pickup_point_id, pickup_name,
-- pickup_address, pickup_code, items_total, shipping_fee, total, currency, item_count, note,
-- pay_by, created_at); p_lines: [{position, item_id, sku_id, product_id, title, spec_values, image,
-- unit_price, quantity}]; p_skus, p_products: their distinct ids, sorted; p_jobs: [{id, job,
-- payload, delay_ms}].
CREATE FUNCTION mw_submit_order(
  p_tenant uuid, p_shopper uuid, p_order uuid, p_claim jsonb, p_head jsonb, p_lines jsonb,
  p_skus uuid[], p_products uuid[], p_jobs jsonb, p_channel text
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
  v_count int;
  v_check record;
  v_result jsonb;
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);

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

  -- The products first (every stock writer does). Several are locked in id order before anything
  -- else, so two orders never wait for each other's; one (a sale's usual case) is locked by its
  -- update. Their stock totals go down by what this order takes (a total at the int cap, where the
  -- sum no longer fits, is summed again; one that would go below zero means too little stock, which
  -- the SKUs' guarded update below finds and refuses).
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

  WITH v AS (
    SELECT * FROM jsonb_to_recordset(p_lines) AS v(position int, sku_id uuid, product_id uuid, title text,
      spec_values jsonb, image text, unit_price int, quantity int)),
  changed AS (
    UPDATE skus s SET stock = s.stock - v.quantity, updated_at = now()
    FROM v WHERE s.id = v.sku_id AND s.stock >= v.quantity AND s.price = v.unit_price
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
    RETURNING id, number),
  lines_added AS (
    INSERT INTO order_lines (tenant_id, order_id, position, sku_id, product_id, title, spec_values, image,
                             unit_price, quantity)
    SELECT p_tenant, ord.id, v.position, v.sku_id, v.product_id, v.title,
           ARRAY(SELECT jsonb_array_elements_text(v.spec_values)), v.image, v.unit_price, v.quantity
    FROM ord, v
    RETURNING id, position),
  first_event AS (
    INSERT INTO order_events (tenant_id, order_id, from_status, to_status, actor, actor_id, created_at)
    SELECT p_tenant, ord.id, NULL, 'pending_payment', 'shopper', p_shopper, (p_head->>'created_at')::timestamptz
    FROM ord),
  jobs AS (
    INSERT INTO outbox (id, tenant_id, job, payload, available_at)
    SELECT j.id, p_tenant, j.job, j.payload, now() + j.delay_ms * interval '1 millisecond'
    FROM jsonb_to_recordset(p_jobs) AS j(id uuid, job text, payload jsonb, delay_ms bigint))
  SELECT jsonb_build_object(
           'taken', (SELECT count(*) FROM changed)::int,
           'soldOut', coalesce((SELECT bool_or(stock = 0) FROM changed), false),
           'number', ord.number,
           'lines', (SELECT jsonb_agg(jsonb_build_object('id', id, 'position', position) ORDER BY position)
                     FROM lines_added))
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
REVOKE ALL ON FUNCTION mw_submit_order(uuid, uuid, uuid, jsonb, jsonb, jsonb, uuid[], uuid[], jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mw_submit_order(uuid, uuid, uuid, jsonb, jsonb, jsonb, uuid[], uuid[], jsonb, text)
  TO mallwright_app;

-- An order's lines and events name their store through their order ((tenant_id, order_id) ->
-- orders, ON DELETE CASCADE, never null), which names it through its own key to tenants: the
-- direct keys to tenants were a second check (a locked look at the tenants row) on every row
-- written, for nothing the composite key does not already hold (db/catalog-lint.test.ts accepts
-- such a key in place of one to tenants).
ALTER TABLE order_lines DROP CONSTRAINT order_lines_tenant_id_fkey;
ALTER TABLE order_events DROP CONSTRAINT order_events_tenant_id_fkey;

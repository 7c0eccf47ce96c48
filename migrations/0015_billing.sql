-- Billing of merchants: each store's subscription as Stripe holds it (tenant_billing, the store's
-- own scope), the plan and billing status mirrored onto tenants (what quotas and the storefront's
-- 423 read), every change of either recorded (billing_transitions), Stripe's events once each, and
-- an audit log of platform admins' actions.

CREATE TABLE tenant_billing (
  tenant_id               uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                      uuid NOT NULL DEFAULT mw_uuidv7(),
  status                  text NOT NULL DEFAULT 'active'
                          CHECK (status IN ('trialing', 'active', 'past_due', 'suspended', 'canceled')),
  -- The plan of the trial a store was provisioned with, and when it ends.
  trial_plan              text CHECK (trial_plan IN ('free', 'growth', 'pro')),
  trial_ends_at           timestamptz,
  stripe_customer_id      text UNIQUE,
  stripe_subscription_id  text UNIQUE,
  subscription_status     text,
  subscription_plan       text CHECK (subscription_plan IN ('free', 'growth', 'pro')),
  billing_interval        text CHECK (billing_interval IN ('month', 'year')),
  current_period_end      timestamptz,
  cancel_at_period_end    boolean NOT NULL DEFAULT false,
  past_due_since          timestamptz,
  -- A platform admin's comp: this plan whatever Stripe says, until a time (or for good).
  plan_override           text CHECK (plan_override IN ('free', 'growth', 'pro')),
  plan_override_until     timestamptz,
  plan_override_reason    text CHECK (length(plan_override_reason) <= 500),
  synced_at               timestamptz,
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id)
);

CREATE TABLE billing_transitions (
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT mw_uuidv7(),
  from_status  text,
  to_status    text NOT NULL,
  from_plan    text,
  to_plan      text NOT NULL,
  cause        text NOT NULL CHECK (length(cause) <= 200),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id),
  UNIQUE (tenant_id, id)
);
CREATE INDEX billing_transitions_recent_idx ON billing_transitions (tenant_id, created_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenant_billing', 'billing_transitions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = mw_current_tenant()) WITH CHECK (tenant_id = mw_current_tenant())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO mallwright_app, mallwright_admin', t);
  END LOOP;
END $$;
GRANT DELETE ON tenant_billing TO mallwright_admin;

-- The mirror the rest of the platform reads without a tenant scope (quotas, the storefront's lookup).
ALTER TABLE tenants ADD COLUMN billing_status text NOT NULL DEFAULT 'active'
  CHECK (billing_status IN ('trialing', 'active', 'past_due', 'suspended', 'canceled'));

-- The one write the app role may make to tenants: its own store's plan and billing status, copied
-- from that store's tenant_billing row in the current scope. Nothing else, no other store.
CREATE FUNCTION mw_mirror_billing(p_plan text, p_status text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  UPDATE tenants SET plan = p_plan, billing_status = p_status, updated_at = now()
  WHERE id = mw_current_tenant() AND (plan, billing_status) IS DISTINCT FROM (p_plan, p_status)
$fn$;
-- Stripe's events name a customer: the store it belongs to.
CREATE FUNCTION mw_tenant_by_stripe_customer(p_customer text) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
  SELECT tenant_id FROM tenant_billing WHERE stripe_customer_id = p_customer
$fn$;
REVOKE ALL ON FUNCTION mw_mirror_billing(text, text), mw_tenant_by_stripe_customer(text) FROM PUBLIC;
ALTER FUNCTION mw_mirror_billing(text, text) OWNER TO mallwright_admin;
ALTER FUNCTION mw_tenant_by_stripe_customer(text) OWNER TO mallwright_admin;
GRANT EXECUTE ON FUNCTION mw_mirror_billing(text, text), mw_tenant_by_stripe_customer(text) TO mallwright_app;

-- Stripe's webhook events, once each (Stripe's id); the job that handles one sets processed_at.
CREATE TABLE stripe_events (
  id            text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 255),
  type          text NOT NULL,
  -- Not a tenant column: the store the event was routed to, for the platform's inbox.
  target_tenant_id  uuid REFERENCES tenants (id) ON DELETE CASCADE,
  object_id     text,
  received_at   timestamptz NOT NULL DEFAULT now(),
  processed_at  timestamptz
);
GRANT SELECT, INSERT, UPDATE ON stripe_events TO mallwright_app, mallwright_admin;

-- Every platform admin action: who, what, when, before and after.
CREATE TABLE admin_audit_log (
  id          uuid PRIMARY KEY DEFAULT mw_uuidv7(),
  actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  actor       text NOT NULL CHECK (length(actor) <= 200),
  action      text NOT NULL CHECK (length(action) <= 100),
  -- The store acted on, if any (the log is the platform's, not the store's).
  target_tenant_id  uuid REFERENCES tenants (id) ON DELETE SET NULL,
  before      jsonb,
  after       jsonb,
  reason      text CHECK (length(reason) <= 500),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_recent_idx ON admin_audit_log (created_at DESC, id DESC);
CREATE INDEX admin_audit_log_tenant_idx ON admin_audit_log (target_tenant_id, created_at DESC);
GRANT SELECT, INSERT ON admin_audit_log TO mallwright_admin;

-- Existing stores: their plan as it is, active.
INSERT INTO tenant_billing (tenant_id, status) SELECT id, 'active' FROM tenants ON CONFLICT DO NOTHING;

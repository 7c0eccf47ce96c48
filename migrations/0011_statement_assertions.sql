-- mw_assert(ok, code): true, or an error whose message is 'mallwright:<code>' (SQLSTATE P0001).
-- Writes sent as one pipelined transaction (src/db/read.ts, TenantReader.write) cannot look at a
-- result before the next statement runs: a statement asserts what the rest depends on (a key not
-- yet used, the cart as planned, the stock there), and its failure rolls the whole transaction back.
CREATE FUNCTION mw_assert(ok boolean, code text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'mallwright:' || code;
  END IF;
  RETURN true;
END
$fn$;
GRANT EXECUTE ON FUNCTION mw_assert(boolean, text) TO mallwright_app, mallwright_admin;

-- The audit trail is a hash chain: each row's hash is SHA-256 over the previous row's hash and
-- this row's content, so a row changed or removed afterwards (by someone able to bypass the
-- append-only trigger) breaks the chain at that point. `opencsc audit verify` walks it.

-- A row's content in one fixed text form (a JSON array, the time in UTC to the microsecond),
-- used by the trigger and by the verifier alike.
CREATE FUNCTION audit_event_canonical(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.user_id, e.username,
    e.child_id, e.child_ids, e.action, e.route, e.record_id
  )::text
$$;
--> statement-breakpoint
CREATE FUNCTION audit_event_digest(previous text, e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(coalesce(previous, '') || audit_event_canonical(e), 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Inserts take one transaction-scoped lock, so rows chain in the order they commit: the id is
-- given under the lock (not by the column default, drawn before it), and the previous row is
-- read after it, when every earlier row has committed. The lock is held to commit, so the
-- audit insert comes last in its transaction.
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous text;
BEGIN
  PERFORM pg_advisory_xact_lock(7240311);
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT hash INTO previous FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.hash := audit_event_digest(previous, NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- The trigger gives every id, so the column default would only waste numbers.
ALTER TABLE audit_events ALTER COLUMN id DROP DEFAULT;
--> statement-breakpoint
-- Rows written before the chain existed join it, oldest first.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r audit_events;
  previous text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    previous := audit_event_digest(previous, r);
    UPDATE audit_events SET hash = previous WHERE id = r.id;
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain
  BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

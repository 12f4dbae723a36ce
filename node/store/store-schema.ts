/**
 * The national store's schema in PostgreSQL, as versioned migrations (sigwb.schema_migrations records each one
 * applied; `migrateStore` applies the missing ones in order, each in its own transaction, under an advisory lock so
 * that two administrators cannot interleave). Access is by role, enforced by the server:
 *
 *   sigwb_lab      a lab's login roles are its members (sigwb.members maps role → lab): they read every lab's
 *                  profiles, classes, case details and links, and write only their own lab's rows (row-level
 *                  security: lab_id = sigwb.my_lab()); no one deletes;
 *   sigwb_partner  partners (U.S. or provincial agencies): they read profiles, classes, methods and labs, and have
 *                  no privilege at all on sigwb.sample_details (case ids, exhibits, agencies) nor on links.
 *
 * Every insert, update and delete on the data tables is written to sigwb.audit by a trigger (who, when, which
 * transaction, which row), which no member can write or change. Growth past one server: docs/SHARING.md.
 *
 * Schema 2 adds the profiles' detection flags and limit (as in exchange packages of schema 2), checked by a trigger
 * whatever client writes the row. Migrations are applied together in one transaction: a failed one leaves the store
 * as it was.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

const DATA_TABLES = ['profiles', 'sample_details', 'classes', 'links', 'methods', 'publishes'];

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'labs, members and roles; profiles, case details, classes, links, methods, publishes; row-level security; audit trigger',
    sql: `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sigwb_lab') THEN CREATE ROLE sigwb_lab NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sigwb_partner') THEN CREATE ROLE sigwb_partner NOLOGIN; END IF;
END $$;
CREATE SEQUENCE sigwb.revision_seq;
CREATE TABLE sigwb.labs (lab_id text PRIMARY KEY CHECK (lab_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'), name text NOT NULL);
CREATE TABLE sigwb.members (role_name name PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('lab', 'partner')), lab_id text REFERENCES sigwb.labs, CHECK ((kind = 'lab') = (lab_id IS NOT NULL)));
CREATE FUNCTION sigwb.my_lab() RETURNS text LANGUAGE sql STABLE AS $f$ SELECT lab_id FROM sigwb.members WHERE role_name = current_user AND kind = 'lab' $f$;
CREATE TABLE sigwb.methods (
  lab_id text NOT NULL REFERENCES sigwb.labs, method_key text NOT NULL, method jsonb NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (lab_id, method_key));
CREATE TABLE sigwb.profiles (
  lab_id text NOT NULL REFERENCES sigwb.labs, sample_id text NOT NULL,
  revision bigint NOT NULL DEFAULT nextval('sigwb.revision_seq'), content_sha256 text NOT NULL,
  method_key text NOT NULL, class_id integer, drug text, seized_on date, region text, port_of_entry text,
  compounds text[] NOT NULL, pretreated float8[] NOT NULL, relative float8[] NOT NULL,
  publish_id uuid NOT NULL, published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (lab_id, sample_id), FOREIGN KEY (lab_id, method_key) REFERENCES sigwb.methods);
CREATE INDEX profiles_revision ON sigwb.profiles (revision);
CREATE INDEX profiles_drug_year ON sigwb.profiles (drug, (extract(year FROM seized_on)));
CREATE TABLE sigwb.sample_details (
  lab_id text NOT NULL, sample_id text NOT NULL, case_id text, seizure_id text, agency text, content_sha256 text NOT NULL,
  PRIMARY KEY (lab_id, sample_id), FOREIGN KEY (lab_id, sample_id) REFERENCES sigwb.profiles);
CREATE TABLE sigwb.classes (
  lab_id text NOT NULL REFERENCES sigwb.labs, class_id integer NOT NULL, class_run_id text NOT NULL,
  samples integer NOT NULL, first_seen date, last_seen date, regions text[] NOT NULL, ports_of_entry text[] NOT NULL,
  revision bigint NOT NULL DEFAULT nextval('sigwb.revision_seq'), content_sha256 text NOT NULL, publish_id uuid NOT NULL,
  PRIMARY KEY (lab_id, class_id));
CREATE TABLE sigwb.links (
  lab_id text NOT NULL REFERENCES sigwb.labs, batch_id text NOT NULL, sample_id text NOT NULL,
  other_lab text NOT NULL, other_sample text NOT NULL, other_class integer, distance float8 NOT NULL, lr float8 NOT NULL, verbal text NOT NULL,
  calibration_id text NOT NULL, linked_at timestamptz NOT NULL, publish_id uuid NOT NULL,
  PRIMARY KEY (lab_id, batch_id, sample_id, other_lab, other_sample));
CREATE INDEX links_other ON sigwb.links (other_lab);
CREATE TABLE sigwb.publishes (
  publish_id uuid PRIMARY KEY, lab_id text NOT NULL REFERENCES sigwb.labs, workspace_id text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz, profiles integer, classes integer, links integer);
CREATE TABLE sigwb.audit (
  id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp(), db_user name NOT NULL DEFAULT current_user,
  txid bigint NOT NULL DEFAULT txid_current(), table_name text NOT NULL, op text NOT NULL, lab_id text, row_key text NOT NULL);
CREATE FUNCTION sigwb.audit_row() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = sigwb, pg_temp AS $f$
DECLARE j jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN j := to_jsonb(OLD); ELSE j := to_jsonb(NEW); END IF;
  INSERT INTO sigwb.audit (db_user, table_name, op, lab_id, row_key)
  VALUES (session_user, TG_TABLE_NAME, TG_OP, j->>'lab_id', CASE TG_TABLE_NAME
    WHEN 'profiles' THEN j->>'sample_id' WHEN 'sample_details' THEN j->>'sample_id' WHEN 'classes' THEN j->>'class_id'
    WHEN 'links' THEN concat_ws('/', j->>'batch_id', j->>'sample_id', j->>'other_lab', j->>'other_sample')
    WHEN 'methods' THEN j->>'method_key' ELSE j->>'publish_id' END);
  RETURN NULL;
END $f$;
${DATA_TABLES.map((t) => `CREATE TRIGGER audit_${t} AFTER INSERT OR UPDATE OR DELETE ON sigwb.${t} FOR EACH ROW EXECUTE FUNCTION sigwb.audit_row();`).join('\n')}
GRANT USAGE ON SCHEMA sigwb TO sigwb_lab, sigwb_partner;
GRANT SELECT ON sigwb.labs, sigwb.members, sigwb.methods, sigwb.profiles, sigwb.classes, sigwb.schema_migrations TO sigwb_lab, sigwb_partner;
GRANT SELECT ON sigwb.sample_details, sigwb.links, sigwb.publishes TO sigwb_lab;
GRANT INSERT, UPDATE ON sigwb.methods, sigwb.profiles, sigwb.sample_details, sigwb.classes, sigwb.links, sigwb.publishes TO sigwb_lab;
GRANT USAGE ON SEQUENCE sigwb.revision_seq TO sigwb_lab;
${DATA_TABLES.map((t) => `ALTER TABLE sigwb.${t} ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_${t} ON sigwb.${t} FOR SELECT USING (true);
CREATE POLICY insert_${t} ON sigwb.${t} FOR INSERT TO sigwb_lab WITH CHECK (lab_id = sigwb.my_lab());
CREATE POLICY update_${t} ON sigwb.${t} FOR UPDATE TO sigwb_lab USING (lab_id = sigwb.my_lab()) WITH CHECK (lab_id = sigwb.my_lab());`).join('\n')}
`,
  },
  {
    // Detection flags travel through the store as they do in exchange packages (shared/sharing/detection-part.ts):
    // per compound, in the row's own compound order, whether it was detected, and the sample's detection limit in
    // relative-area units. Rows written before this migration keep NULL in both: read as profiles without flags.
    version: 2,
    description: 'profiles: detection flags (detected boolean[]) and limit (detection_limit, relative-area units); a trigger refuses rows whose flags contradict their values',
    sql: `
ALTER TABLE sigwb.profiles ADD COLUMN detected boolean[], ADD COLUMN detection_limit float8;
CREATE FUNCTION sigwb.check_detection() RETURNS trigger LANGUAGE plpgsql SET search_path = sigwb, pg_temp AS $f$
DECLARE
  k integer := coalesce(array_length(NEW.compounds, 1), 0);
  at integer;
BEGIN
  IF NEW.detected IS NULL AND NEW.detection_limit IS NULL THEN RETURN NEW; END IF;
  IF NEW.detected IS NULL OR NEW.detection_limit IS NULL THEN
    RAISE EXCEPTION 'lab %, sample %: detection flags and detection limit go together (one of them is missing)', NEW.lab_id, NEW.sample_id USING ERRCODE = 'check_violation';
  END IF;
  IF coalesce(array_length(NEW.detected, 1), 0) <> k THEN
    RAISE EXCEPTION 'lab %, sample %: % detection flags for % compounds', NEW.lab_id, NEW.sample_id, coalesce(array_length(NEW.detected, 1), 0), k USING ERRCODE = 'check_violation';
  END IF;
  at := array_position(NEW.detected, NULL);
  IF at IS NOT NULL THEN
    RAISE EXCEPTION 'lab %, sample %, compound "%": detection flag NULL is neither true (detected) nor false (not detected)', NEW.lab_id, NEW.sample_id, NEW.compounds[at] USING ERRCODE = 'check_violation';
  END IF;
  -- NaN compares above every number in PostgreSQL, so this refuses NaN and infinity too.
  IF NOT (NEW.detection_limit >= 0 AND NEW.detection_limit < 'Infinity'::float8) THEN
    RAISE EXCEPTION 'lab %, sample %: detection limit % is not a finite number ≥ 0', NEW.lab_id, NEW.sample_id, NEW.detection_limit USING ERRCODE = 'check_violation';
  END IF;
  IF NOT (true = ANY (NEW.detected)) THEN
    FOR at IN 1..k LOOP
      IF NEW.relative[at] IS DISTINCT FROM 0 THEN
        RAISE EXCEPTION 'lab %, sample %, compound "%": not detected, like every compound of the sample, yet its relative area is %', NEW.lab_id, NEW.sample_id, NEW.compounds[at], NEW.relative[at] USING ERRCODE = 'check_violation';
      END IF;
    END LOOP;
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER check_detection BEFORE INSERT OR UPDATE ON sigwb.profiles FOR EACH ROW EXECUTE FUNCTION sigwb.check_detection();
`,
  },
];

/** The schema version this build writes and reads. */
export const STORE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

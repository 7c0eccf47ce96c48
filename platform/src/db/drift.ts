// Drift between platform/prisma/schema.prisma and a migrated database (DESIGN.md §3). The SQL
// migrations are the source of truth; the Prisma CLI cannot introspect here (no schema engine
// offline, see STACK-NOTES.md) and @prisma/internals is not installed, so this parses the subset
// of the schema language we use: model/enum blocks, field lines, `?` and `[]`, @map/@@map,
// @db.*, @default, @id/@@id, @unique/@@unique and @relation(fields, references).

// ------------------------------------------------------------------------------- the model side

export interface Attribute {
  name: string; // "map", "db.Uuid", "default", "@map" for block attributes
  args: string; // raw text between the parentheses, "" when none
}

export interface PrismaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  /** Native type, e.g. { name: "Uuid", args: [] } for @db.Uuid, { name: "VarChar", args: ["32"] }. */
  dbType?: { name: string; args: string[] };
  /** Raw @default argument, e.g. `now()`, `"free"`, `uuid(7)`. */
  default?: string;
  id: boolean;
  unique: boolean;
  /** A field whose type is another model: no column of its own. */
  relation?: { model: string; fields: string[]; references: string[] };
}

export interface PrismaModel {
  name: string;
  table: string;
  fields: PrismaField[];
  /** Field names of @@id, or of the single @id field. */
  id: string[];
  /** Field-name lists of @unique and @@unique. */
  uniques: string[][];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

/** Strips `//` comments outside string literals. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && inString) i++;
    else if (ch === '"') inString = !inString;
    else if (!inString && ch === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

/** Parses `@a @b.c(x, y(z)) @d("q)")` (or `@@...`) into attributes, respecting nesting and strings. */
export function parseAttributes(text: string): Attribute[] {
  const out: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "@") {
      i++;
      continue;
    }
    let j = i + 1;
    if (text[j] === "@") j++;
    const nameMatch = /^[A-Za-z_][\w.]*/.exec(text.slice(j));
    if (!nameMatch) throw new Error(`cannot parse attribute at: ${text.slice(i)}`);
    const name = (text[i + 1] === "@" ? "@" : "") + nameMatch[0];
    j += nameMatch[0].length;
    let args = "";
    if (text[j] === "(") {
      let depth = 0;
      let inString = false;
      const start = j + 1;
      for (; j < text.length; j++) {
        const ch = text[j];
        if (inString) {
          if (ch === "\\") j++;
          else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === "(" || ch === "[") depth++;
        else if (ch === ")" || ch === "]") {
          depth--;
          if (depth === 0) break;
        }
      }
      if (depth !== 0) throw new Error(`unbalanced parentheses in attribute: ${text.slice(i)}`);
      args = text.slice(start, j).trim();
      j++;
    }
    out.push({ name, args });
    i = j;
  }
  return out;
}

/** Splits top-level comma-separated arguments. */
function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    else if (ch === "," && depth === 0) {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (args.slice(start).trim()) out.push(args.slice(start).trim());
  return out;
}

/** The value of a named argument (`map: "x"`), or of the first positional one when `name` is undefined. */
function argument(args: string, name?: string): string | undefined {
  for (const part of splitArgs(args)) {
    const m = /^([A-Za-z_]\w*)\s*:\s*([\s\S]*)$/.exec(part);
    if (name === undefined && !m) return part;
    if (name !== undefined && m?.[1] === name) return m[2]?.trim();
  }
  return undefined;
}

function unquote(s: string): string {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(s.trim());
  if (!m || m[1] === undefined) throw new Error(`expected a string literal, got ${s}`);
  return m[1];
}

/** `[a, b(sort: Desc), c]` -> ["a", "b", "c"]. */
function fieldList(s: string): string[] {
  const m = /^\[([\s\S]*)\]$/.exec(s.trim());
  if (!m || m[1] === undefined) throw new Error(`expected a [list], got ${s}`);
  return splitArgs(m[1]).map((f) => f.replace(/\(.*$/s, "").trim());
}

/** Parses the models of a Prisma schema (the subset described above). */
export function parsePrismaSchema(text: string): PrismaModel[] {
  const lines = text.split("\n").map(stripComment);
  const blocks: { kind: string; name: string; body: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = /^\s*(model|enum|generator|datasource|view|type)\s+(\w+)\s*\{\s*$/.exec(lines[i] ?? "");
    if (!head?.[1] || !head[2]) {
      if ((lines[i] ?? "").trim()) throw new Error(`schema.prisma line ${i + 1}: unexpected ${lines[i]?.trim()}`);
      continue;
    }
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*\}\s*$/.test(lines[i] ?? ""); i++) body.push(lines[i] ?? "");
    blocks.push({ kind: head[1], name: head[2], body });
  }
  const enums = new Set(blocks.filter((b) => b.kind === "enum").map((b) => b.name));
  const modelNames = new Set(blocks.filter((b) => b.kind === "model").map((b) => b.name));
  if (blocks.some((b) => b.kind === "view" || b.kind === "type")) {
    throw new Error("drift.ts does not understand view/type blocks yet: extend parsePrismaSchema");
  }

  return blocks
    .filter((b) => b.kind === "model")
    .map((b) => {
      const model: PrismaModel = { name: b.name, table: b.name, fields: [], id: [], uniques: [] };
      for (const raw of b.body) {
        const line = raw.trim();
        if (!line) continue;
        if (line.startsWith("@@")) {
          for (const a of parseAttributes(line)) {
            if (a.name === "@map") model.table = unquote(argument(a.args) ?? "");
            else if (a.name === "@id") model.id = fieldList(argument(a.args, "fields") ?? argument(a.args) ?? "");
            else if (a.name === "@unique")
              model.uniques.push(fieldList(argument(a.args, "fields") ?? argument(a.args) ?? ""));
          }
          continue;
        }
        const m = /^(\w+)\s+(\w+(?:\([^)]*\))?)(\[\])?(\?)?\s*(.*)$/.exec(line);
        if (!m?.[1] || !m[2]) throw new Error(`model ${b.name}: cannot parse field line: ${line}`);
        const [, name, type, list, optional, rest = ""] = m;
        const field: PrismaField = {
          name,
          column: name,
          type,
          optional: optional === "?",
          list: list === "[]",
          id: false,
          unique: false,
        };
        for (const a of parseAttributes(rest)) {
          if (a.name === "map") field.column = unquote(argument(a.args) ?? "");
          else if (a.name === "default") field.default = a.args;
          else if (a.name === "id") field.id = true;
          else if (a.name === "unique") field.unique = true;
          else if (a.name.startsWith("db.")) {
            field.dbType = { name: a.name.slice(3), args: a.args ? splitArgs(a.args) : [] };
          } else if (a.name === "relation") {
            const fields = argument(a.args, "fields");
            const references = argument(a.args, "references");
            field.relation = {
              model: type,
              fields: fields ? fieldList(fields) : [],
              references: references ? fieldList(references) : [],
            };
          }
        }
        if (modelNames.has(type)) field.relation ??= { model: type, fields: [], references: [] };
        else if (!SCALARS.has(type) && !enums.has(type) && !type.startsWith("Unsupported(")) {
          throw new Error(`model ${b.name}: field ${name} has unknown type ${type}`);
        }
        if (field.id) model.id = [field.name];
        if (field.unique) model.uniques.push([field.name]);
        model.fields.push(field);
      }
      return model;
    });
}

// ---------------------------------------------------------------------------- the database side

export interface DbColumn {
  name: string;
  /** Base type name from pg_type (element type for arrays), e.g. "text", "uuid", "timestamptz". */
  type: string;
  /** format_type(), for messages: "character varying(32)", "timestamp with time zone". */
  formatted: string;
  /** atttypmod: -1 when unconstrained. */
  typmod: number;
  array: boolean;
  nullable: boolean;
  hasDefault: boolean;
}

export interface DbTable {
  name: string;
  columns: DbColumn[];
  primaryKey: string[];
  /** Column lists of non-partial unique indexes. */
  uniques: string[][];
  foreignKeys: { name: string; columns: string[]; refTable: string; refColumns: string[] }[];
}

/** Runs one query; postgres.js `sql.unsafe` or PGlite `query(...).rows` fit. */
export type Query = <T extends Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** Reads the tables of schema public. */
export async function introspect(q: Query, schema = "public"): Promise<DbTable[]> {
  const columns = await q<{
    table: string;
    name: string;
    type: string;
    formatted: string;
    typmod: number;
    array: boolean;
    nullable: boolean;
    hasDefault: boolean;
  }>(
    `SELECT c.relname::text AS table, a.attname::text AS name,
            CASE WHEN t.typcategory = 'A' THEN e.typname ELSE t.typname END::text AS type,
            format_type(a.atttypid, a.atttypmod) AS formatted, a.atttypmod AS typmod,
            t.typcategory = 'A' AS array, NOT a.attnotnull AS nullable,
            (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS "hasDefault"
     FROM pg_class c
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_type e ON e.oid = t.typelem
     WHERE c.relnamespace = $1::regnamespace AND c.relkind IN ('r', 'p')
     ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const indexes = await q<{ table: string; primary: boolean; cols: string[] }>(
    `SELECT c.relname::text AS table, i.indisprimary AS primary,
            array(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS cols
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE c.relnamespace = $1::regnamespace AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL`,
    [schema],
  );
  const fks = await q<{ table: string; name: string; cols: string[]; ref: string; refCols: string[] }>(
    `SELECT c.relname::text AS table, con.conname::text AS name, f.relname::text AS ref,
            array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS cols,
            array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "refCols"
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class f ON f.oid = con.confrelid
     WHERE con.contype = 'f' AND c.relnamespace = $1::regnamespace`,
    [schema],
  );
  const byName = new Map<string, DbTable>();
  for (const col of columns) {
    let t = byName.get(col.table);
    if (!t) {
      t = { name: col.table, columns: [], primaryKey: [], uniques: [], foreignKeys: [] };
      byName.set(col.table, t);
    }
    t.columns.push({
      name: col.name,
      type: col.type,
      formatted: col.formatted,
      typmod: Number(col.typmod),
      array: col.array,
      nullable: col.nullable,
      hasDefault: col.hasDefault,
    });
  }
  for (const i of indexes) {
    const t = byName.get(i.table);
    if (!t) continue;
    if (i.primary) t.primaryKey = i.cols;
    t.uniques.push(i.cols);
  }
  for (const fk of fks) {
    byName
      .get(fk.table)
      ?.foreignKeys.push({ name: fk.name, columns: fk.cols, refTable: fk.ref, refColumns: fk.refCols });
  }
  return [...byName.values()];
}

// --------------------------------------------------------------------------------- comparison

/** Tables that exist on purpose without a model. */
export const TABLES_WITHOUT_MODEL: Record<string, string> = {
  schema_migrations: "the migration ledger, owned by src/db/migrate.ts",
};

interface Expected {
  /** Acceptable pg_type names. */
  types: string[];
  /** How Prisma would spell it, for messages. */
  label: string;
  /** The atttypmod values acceptable, when the native type fixes one. */
  typmods?: number[];
  /** Advice shown when the column turns out to be of type `when`. */
  hint?: { when: string; text: string };
}

/** A time type's typmod is its precision; -1 (none given) means the default, 6. */
function precision(args: string[]): number[] {
  const p = args[0] !== undefined ? Number(args[0]) : 6;
  return p === 6 ? [6, -1] : [p];
}

function expectedType(field: PrismaField): Expected | string {
  const db = field.dbType;
  const native = db ? `@db.${db.name}${db.args.length ? `(${db.args.join(", ")})` : ""}` : "";
  const label = `${field.type}${field.list ? "[]" : ""}${native ? ` ${native}` : ""}`;
  const n = db?.name;
  const e = (types: string[], extra: Partial<Expected> = {}): Expected => ({ types, label, ...extra });
  switch (field.type) {
    case "String":
      if (!n) return e(["text", "varchar"], { hint: { when: "uuid", text: "a uuid column needs @db.Uuid" } });
      if (n === "Uuid") return e(["uuid"]);
      if (n === "Text") return e(["text"]);
      if (n === "VarChar") return e(["varchar"], db?.args[0] ? { typmods: [Number(db.args[0]) + 4] } : {});
      if (n === "Char") return e(["bpchar"], db?.args[0] ? { typmods: [Number(db.args[0]) + 4] } : {});
      if (n === "Citext") return e(["citext"]);
      if (n === "Inet") return e(["inet"]);
      if (n === "Xml") return e(["xml"]);
      break;
    case "Int":
      if (!n || n === "Integer") return e(["int4"]);
      if (n === "SmallInt") return e(["int2"]);
      if (n === "Oid") return e(["oid"]);
      break;
    case "BigInt":
      if (!n || n === "BigInt") return e(["int8"]);
      break;
    case "Boolean":
      if (!n || n === "Boolean") return e(["bool"]);
      break;
    case "Float":
      if (!n || n === "DoublePrecision") return e(["float8"]);
      if (n === "Real") return e(["float4"]);
      break;
    case "Decimal":
      if (!n) return e(["numeric"], { typmods: [((65 << 16) | 30) + 4] });
      if (n === "Decimal" || n === "Numeric") {
        const [p, s = "0"] = db?.args ?? [];
        return e(["numeric"], p ? { typmods: [((Number(p) << 16) | Number(s)) + 4] } : {});
      }
      break;
    case "DateTime":
      // Prisma's default for DateTime is timestamp(3) WITHOUT time zone: we always want timestamptz.
      if (!n)
        return e(["timestamp"], {
          typmods: [3],
          hint: { when: "timestamptz", text: "a timestamptz column needs @db.Timestamptz(6)" },
        });
      if (n === "Timestamptz") return e(["timestamptz"], { typmods: precision(db?.args ?? []) });
      if (n === "Timestamp") return e(["timestamp"], { typmods: precision(db?.args ?? []) });
      if (n === "Date") return e(["date"]);
      if (n === "Time") return e(["time"], { typmods: precision(db?.args ?? []) });
      if (n === "Timetz") return e(["timetz"], { typmods: precision(db?.args ?? []) });
      break;
    case "Json":
      if (!n || n === "JsonB") return e(["jsonb"]);
      if (n === "Json") return e(["json"]);
      break;
    case "Bytes":
      if (!n || n === "ByteA") return e(["bytea"]);
      break;
    default:
      if (field.type.startsWith("Unsupported(")) return e([]);
      return e([field.type]); // an enum: the PostgreSQL type of the same name (no @@map on enums here)
  }
  return `${label} is not a native type drift.ts knows: extend expectedType()`;
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** Client-generated defaults: Prisma fills them in, so the column needs no DEFAULT. */
const CLIENT_DEFAULT = /^(uuid|cuid|nanoid|ulid)\(/;

/** Every difference between the models and the tables, one readable line each ([] = in sync). */
export function findDrift(models: PrismaModel[], tables: DbTable[]): string[] {
  const problems: string[] = [];
  const tableByName = new Map(tables.map((t) => [t.name, t]));
  const modelByName = new Map(models.map((m) => [m.name, m]));
  const colOf = (m: PrismaModel, fieldName: string) => m.fields.find((f) => f.name === fieldName)?.column ?? fieldName;

  for (const model of models) {
    const table = tableByName.get(model.table);
    if (!table) {
      problems.push(`model ${model.name} maps to table ${model.table}, which does not exist in the database`);
      continue;
    }
    const columnByName = new Map(table.columns.map((c) => [c.name, c]));
    for (const field of model.fields) {
      if (field.relation) continue;
      const where = `${model.name}.${field.name} (${model.table}.${field.column})`;
      const column = columnByName.get(field.column);
      if (!column) {
        problems.push(`${where}: column ${model.table}.${field.column} does not exist`);
        continue;
      }
      const expected = expectedType(field);
      if (typeof expected === "string") {
        problems.push(`${where}: ${expected}`);
      } else if (expected.types.length > 0) {
        const typeOk =
          expected.types.includes(column.type) &&
          column.array === field.list &&
          (expected.typmods === undefined || expected.typmods.includes(column.typmod));
        if (!typeOk) {
          const hint = expected.hint?.when === column.type ? ` (${expected.hint.text})` : "";
          problems.push(`${where}: type ${expected.label} does not match column type ${column.formatted}${hint}`);
        }
      }
      if (!field.list && field.optional !== column.nullable) {
        problems.push(
          field.optional
            ? `${where}: optional in the model but the column is NOT NULL`
            : `${where}: required in the model but the column is nullable`,
        );
      }
      if (field.default !== undefined && !CLIENT_DEFAULT.test(field.default) && !column.hasDefault) {
        problems.push(`${where}: @default(${field.default}) in the model but the column has no DEFAULT`);
      }
    }
    const mapped = new Set(model.fields.filter((f) => !f.relation).map((f) => f.column));
    for (const column of table.columns) {
      if (!mapped.has(column.name) && !column.nullable && !column.hasDefault) {
        problems.push(
          `${model.table}.${column.name} is NOT NULL without a default but model ${model.name} has no field for it (inserts would fail)`,
        );
      }
    }

    const idColumns = model.id.map((f) => colOf(model, f));
    if (!sameColumns(idColumns, table.primaryKey)) {
      problems.push(
        `model ${model.name}: @id is (${idColumns.join(", ")}) but the primary key of ${model.table} is (${table.primaryKey.join(", ")})`,
      );
    }
    for (const unique of model.uniques) {
      const cols = unique.map((f) => colOf(model, f));
      if (!table.uniques.some((u) => sameColumns(u, cols))) {
        problems.push(
          `model ${model.name}: @unique on (${cols.join(", ")}) has no matching unique constraint on ${model.table}`,
        );
      }
    }
    for (const field of model.fields) {
      const rel = field.relation;
      if (!rel || rel.fields.length === 0) continue;
      const target = modelByName.get(rel.model);
      if (!target) continue;
      const cols = rel.fields.map((f) => colOf(model, f));
      const refCols = rel.references.map((f) => colOf(target, f));
      const fk = table.foreignKeys.some(
        (k) => k.refTable === target.table && sameColumns(k.columns, cols) && sameColumns(k.refColumns, refCols),
      );
      if (!fk) {
        problems.push(
          `${model.name}.${field.name}: relation (${cols.join(", ")}) -> ${target.table} (${refCols.join(", ")}) has no matching foreign key on ${model.table}`,
        );
      }
    }
  }

  const modelled = new Set(models.map((m) => m.table));
  for (const table of tables) {
    if (!modelled.has(table.name) && !(table.name in TABLES_WITHOUT_MODEL)) {
      problems.push(`table ${table.name} has no model in schema.prisma`);
    }
  }
  return problems;
}

// A secret setting given either as its value (NAME) or as the path of a file holding it (NAME_FILE,
// as container secrets are mounted). The file's surrounding whitespace is dropped.
import { readFileSync } from "node:fs";

export function secretSetting(value: string | undefined, file: string | undefined, name: string): string | undefined {
  if (value) return value;
  if (!file) return undefined;
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    throw new Error(`Invalid configuration:\n  ${name}_FILE: cannot read ${file}`);
  }
}

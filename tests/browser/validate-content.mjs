// Validates YAML content files against the JSON Schemas `papers schema --out` wrote, as an
// editor's YAML language server does: YAML 1.2 (the `yaml` package, which it uses), draft 7
// (Ajv). Usage: node validate-content.mjs <schema folder> <file.yaml>...
// Prints one JSON line per file: {"file", "kind", "errors": [{"path", "message"}]}.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import YAML from "yaml";

const [schemaFolder, ...files] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
// A date as papers reads it: year-month-day, a day the month has.
ajv.addFormat("date", (text) => {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
});
const validators = new Map();

for (const file of files) {
  const document = YAML.parse(readFileSync(file, "utf8"));
  const kind = document && typeof document === "object" ? document.kind : undefined;
  if (typeof kind !== "string") {
    console.log(JSON.stringify({ file, kind: null, errors: [{ path: "", message: "no kind" }] }));
    continue;
  }
  if (!validators.has(kind)) {
    const schema = JSON.parse(readFileSync(join(schemaFolder, `${kind}.json`), "utf8"));
    validators.set(kind, ajv.compile(schema));
  }
  const validate = validators.get(kind);
  const valid = validate(document);
  const errors = valid
    ? []
    : validate.errors.map((error) => ({
        path: error.instancePath,
        message: `${error.message}${error.params && error.params.additionalProperty ? `: ${error.params.additionalProperty}` : ""}`,
      }));
  console.log(JSON.stringify({ file, kind, errors }));
}

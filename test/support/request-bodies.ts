import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats ships CommonJS with a default export; under NodeNext the callable is `.default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Schema = { [key: string]: unknown };
type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

/** The schema with every `#/components/schemas/X` reference replaced by X itself. */
function resolved(schema: unknown, document: OpenApi): unknown {
  if (Array.isArray(schema)) return schema.map((s) => resolved(s, document));
  if (typeof schema !== 'object' || schema === null) return schema;
  const ref = (schema as Schema).$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unresolvable ${ref}`);
    return resolved(target, document);
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, resolved(v, document)]));
}

/**
 * The smallest value `schema` accepts: required properties only, the fewest array items, the first
 * enum value or alternative, the shortest string. Patterns are not solved: a short letter fits
 * every pattern of yonder's request schemas, and the caller checks the result against the schema.
 */
function smallest(schema: Schema): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf as Schema[];
    // Arrays split over allOf (a bound in one part, minItems in another) merge into one.
    return smallest(Object.assign({}, ...parts, { allOf: undefined }, { items: parts.find((p) => p.items)?.items }));
  }
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(schema[key])) return smallest((schema[key] as Schema[])[0] as Schema);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, smallest(properties[name] ?? {})]));
    }
    case 'array':
      return Array.from({ length: Number(schema.minItems ?? 0) }, (_, i) => {
        const item = smallest((schema.items ?? {}) as Schema);
        // Distinct items, for arrays whose repeats are refused or dropped.
        return typeof item === 'string' ? `${item}${i}` : item;
      });
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 0);
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/';
      if (schema.format === 'email') return 'a@example.com';
      if (schema.format === 'date-time') return '2030-01-01T00:00:00.000Z';
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    default:
      return {};
  }
}

/**
 * A smallest valid JSON body for `method path` of yonder's /openapi.json, checked against the
 * route's own request schema; `undefined` when the route declares none (SCIM's bodies are checked
 * by the handler). Throws when the smallest value does not validate, naming the violations.
 */
export function smallestValidBody(document: OpenApi, method: string, path: string): unknown {
  const operation = document.paths[path]?.[method.toLowerCase()];
  const declared = operation?.requestBody?.content?.['application/json']?.schema;
  if (!declared || Object.keys(declared).filter((k) => k !== 'description').length === 0) return undefined;
  const schema = resolved(declared, document) as Schema;
  const body = smallest(schema);
  const validate = ajv.compile(schema);
  if (!validate(body)) throw new Error(`no valid body for ${method} ${path}: ${JSON.stringify(body)} ${ajv.errorsText(validate.errors)}`);
  return body;
}

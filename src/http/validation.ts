import { Ajv, type Options } from 'ajv';


/**
 * Two validators. Bodies are checked exactly as sent: no type coercion (`"display_name": 123` is a
 * field violation, not "123"), no silent removal of unknown fields, no defaults filled in.
 * Query strings and path parameters arrive as text, so there numbers are coerced.
 */
const common: Options = { allErrors: true, strict: false, useDefaults: false, removeAdditional: false, verbose: true };

/**
 * Given to Fastify as its validator factory (not `setValidatorCompiler`), so that plugins that add
 * shared schemas, and thereby get a schema controller of their own, still use these rules.
 * `externalSchemas` are the schemas registered with `addSchema` in that context.
 */
export function buildValidator(externalSchemas: Record<string, unknown>) {
  const bodyAjv = new Ajv({ ...common, coerceTypes: false });
  const textAjv = new Ajv({ ...common, coerceTypes: true });
  for (const schema of Object.values(externalSchemas)) {
    bodyAjv.addSchema(schema as object);
    textAjv.addSchema(schema as object);
  }
  return ({ schema, httpPart }: { schema: unknown; httpPart?: string }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
}

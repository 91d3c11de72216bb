import { Ajv, type Options, type ValidateFunction } from 'ajv';

/**
 * Two validators. Bodies are checked exactly as sent: no type coercion (`"display_name": 123` is a
 * field violation, not "123"), no silent removal of unknown fields, no defaults filled in.
 * Query strings and path parameters arrive as text, so there numbers are coerced.
 */
// `discriminator`: a `oneOf` keyed by a property (an SSO config's `type`) checks the one branch it names.
const common: Options = { allErrors: true, strict: false, useDefaults: false, removeAdditional: false, verbose: true, discriminator: true };

/**
 * Compiled validators, by rules, shared schemas and schema text. Compiling is most of the time it
 * takes to build the app (about a second); a server builds one app, but the tests build one per
 * test file in the same process, and every build compiles the very same schemas. A validator
 * keeps no state between calls (Fastify reads `errors` right after each call), so the apps can
 * share it. Bounded, in case some app ever builds schemas from its configuration.
 */
const compiled = new Map<string, ValidateFunction>();
const COMPILED_MAX = 5000;

/**
 * Given to Fastify as its validator factory (not `setValidatorCompiler`), so that plugins that add
 * shared schemas, and thereby get a schema controller of their own, still use these rules.
 * `externalSchemas` are the schemas registered with `addSchema` in that context.
 */
export function buildValidator(externalSchemas: Record<string, unknown>) {
  const context = JSON.stringify(externalSchemas);
  // Made on the first schema not compiled before: a new Ajv compiles its meta-schema, which costs
  // as much as the schemas of a few routes.
  let ajvs: { body: Ajv; text: Ajv } | undefined;
  const ajvFor = (body: boolean): Ajv => {
    if (!ajvs) {
      ajvs = { body: new Ajv({ ...common, coerceTypes: false }), text: new Ajv({ ...common, coerceTypes: true }) };
      for (const schema of Object.values(externalSchemas)) {
        ajvs.body.addSchema(schema as object);
        ajvs.text.addSchema(schema as object);
      }
    }
    return body ? ajvs.body : ajvs.text;
  };
  return ({ schema, httpPart }: { schema: unknown; httpPart?: string }) => {
    const body = httpPart === 'body';
    const key = `${body ? 'body' : 'text'}\n${context}\n${JSON.stringify(schema)}`;
    const ready = compiled.get(key);
    if (ready) return ready;
    // Compiled on the route's first request, not when the app is built: most of a server's start
    // was compiling the schemas of every route (the SSO config payloads alone are large), and a
    // process test starts many servers. Fastify reads `errors` from the function it was given.
    const lazy = ((data: unknown) => {
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajvFor(body).compile(schema as object);
        if (compiled.size >= COMPILED_MAX) compiled.clear();
        compiled.set(key, validate);
      }
      const valid = validate(data);
      lazy.errors = validate.errors;
      return valid;
    }) as ValidateFunction;
    return lazy;
  };
}

import type { ErrorObject } from 'ajv';
import type { FieldViolation } from '../domain/errors.js';

/**
 * Turns JSON-schema errors into the contract's field violations: `field` is the dotted JSON path
 * (`identity.traits.username`), `description` a short human phrase.
 */
export function toFieldViolations(errors: readonly ErrorObject[], prefix = ''): FieldViolation[] {
  const byField = new Map<string, string>();
  for (const error of errors) {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'if') continue;
    const [field, description] = describe(error);
    const path = [prefix, field].filter(Boolean).join('.');
    if (!byField.has(path)) byField.set(path, description);
  }
  return [...byField].map(([field, description]) => ({ field, description }));
}

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function join(base: string, child: string): string {
  return base ? `${base}.${child}` : child;
}

function describe(error: ErrorObject): [string, string] {
  const field = pathOf(error.instancePath);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return [join(field, String(p.missingProperty)), 'missing'];
    case 'additionalProperties':
      return [join(field, String(p.additionalProperty)), 'unknown field'];
    case 'type': {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(',');
      return [field, `must be ${types.map(article).join(' or ')}`];
    }
    case 'minLength':
      return [field, p.limit === 1 ? 'empty string' : `must be at least ${String(p.limit)} characters`];
    case 'maxLength':
      return [field, `must be at most ${String(p.limit)} characters`];
    case 'pattern': {
      // A schema may say in its own words what its pattern demands (`violation`).
      const own = (error.parentSchema as { violation?: unknown } | undefined)?.violation;
      return [field, typeof own === 'string' ? own : 'contains characters that are not allowed'];
    }
    case 'const':
      return [field, `must be "${String(p.allowedValue)}"`];
    case 'enum':
      return [field, `must be one of: ${(p.allowedValues as unknown[]).map(String).join(', ')}`];
    case 'minItems':
      return [field, `must have at least ${String(p.limit)} items`];
    case 'maxItems':
      return [field, `must have at most ${String(p.limit)} items`];
    case 'minimum':
    case 'maximum':
      return [field, `must be ${String(p.comparison)} ${String(p.limit)}`];
    case 'uniqueItems':
      return [field, 'must not repeat items'];
    case 'discriminator': {
      // A `oneOf` keyed by a property: the key is missing, or names no branch (listed from the branches).
      const tag = String(p.tag);
      const branches = ((error.parentSchema as { oneOf?: { properties?: Record<string, { enum?: unknown[] }> }[] } | undefined)?.oneOf ?? [])
        .flatMap((branch) => branch.properties?.[tag]?.enum ?? [])
        .map(String);
      if (p.error === 'tag') return [join(field, tag), 'missing'];
      return [join(field, tag), `must be one of: ${branches.join(', ')}`];
    }
    default:
      return [field, error.message ?? 'invalid'];
  }
}

function article(type: string): string {
  switch (type) {
    case 'integer':
      return 'an integer';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    default:
      return `a ${type}`;
  }
}

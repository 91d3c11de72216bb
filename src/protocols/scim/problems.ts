/** The detail keywords of RFC 7644 §3.12 that yonder uses. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers';

/**
 * What went wrong, as a value. Parsers return these instead of throwing; use cases turn one into
 * a `ScimFailure` (see `orFail`) and the SCIM plugin's error handler (http/scim/errors.ts) writes
 * the SCIM error body.
 */
export interface ScimProblem {
  status: number;
  scimType?: ScimType;
  detail: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problem: ScimProblem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (status: number, scimType: ScimType | undefined, detail: string): { ok: false; problem: ScimProblem } => ({
  ok: false,
  problem: scimType === undefined ? { status, detail } : { status, scimType, detail },
});
export const badRequest = (scimType: ScimType, detail: string) => fail(400, scimType, detail);

/** Carries a problem through Fastify to the error handler. */
export class ScimFailure extends Error {
  constructor(readonly problem: ScimProblem) {
    super(problem.detail);
    this.name = 'ScimFailure';
  }
}

/** Unwraps a parser's result, or throws its problem for the error handler to write. */
export function orFail<T>(result: Result<T>): T {
  if (!result.ok) throw new ScimFailure(result.problem);
  return result.value;
}

/**
 * Passkeys: authenticator configurations, credential binding jobs, credentials and themes, as the
 * v1 contract shapes them, and the rules that derive states from stored facts.
 */
import type { EnrollmentStatus } from '../directory/identity.js';
import { type FilterGrammar, type ListFilter, type ListFilterResult, UnsupportedFilter, parseListFilter } from '../directory/list-filter.js';

export const AUTHENTICATION_METHODS = ['email_one_time_password', 'software_passkey', 'webauthn_passkey'] as const;
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];

export type AuthenticatorConfigBody =
  | {
      type: 'hosted_web';
      authentication_methods: { type: AuthenticationMethod }[];
      trusted_origins: string[];
    }
  | {
      type: 'embedded';
      invoke_url: string;
      invocation_type: 'automatic' | 'manual';
      trusted_origins: string[];
      authentication_methods?: { type: AuthenticationMethod }[];
    }
  | {
      /**
       * The contract's Console Authenticator: enrollment on yonder's hosted page, after the person
       * has proved who they are at an upstream identity provider (`idp`) or without that (`none`).
       */
      type: 'console';
      onboarding_configuration: { verification_method: VerificationMethod };
      trusted_origins?: undefined;
    };

export type VerificationMethod = { type: 'idp'; idp_id: string } | { type: 'none' };

/** The upstream identity provider a configuration's enrollments are verified with, if any. */
export function verifyingProvider(config: AuthenticatorConfigBody): string | null {
  if (config.type !== 'console') return null;
  const method = config.onboarding_configuration.verification_method;
  return method.type === 'idp' ? method.idp_id : null;
}

export interface AuthenticatorConfig {
  id: string;
  realm_id: string;
  tenant_id: string;
  display_name: string;
  config: AuthenticatorConfigBody;
  /** The realm's own hosted_web configuration, made with the realm; it cannot be deleted. */
  is_default: boolean;
  create_time: string;
  update_time: string;
}

export const DEFAULT_AUTHENTICATOR_CONFIG_NAME = 'Hosted Web';

export function defaultAuthenticatorConfigBody(): Extract<AuthenticatorConfigBody, { type: 'hosted_web' }> {
  return { type: 'hosted_web', authentication_methods: [{ type: 'webauthn_passkey' }], trusted_origins: [] };
}

export const DELIVERY_METHODS = ['RETURN', 'EMAIL'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const JOB_STATES = ['LINK_SENT', 'LINK_OPENED', 'REQUEST_DELIVERED', 'COMPLETE', 'EXPIRED', 'FAILED_TO_SEND', 'REVOKED'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States in which the link still works (unless the job has expired). */
export const PENDING_JOB_STATES: readonly JobState[] = ['LINK_SENT', 'LINK_OPENED', 'REQUEST_DELIVERED'];

/** Binding jobs expire 7 days after creation. */
export const JOB_TTL_SECONDS = 7 * 24 * 3600;

export interface CredentialBindingJob {
  id: string;
  realm_id: string;
  tenant_id: string;
  identity_id: string;
  credential_id: string | null;
  batch_id: string | null;
  delivery_method: DeliveryMethod;
  /** As stored; read it through `effectiveJobState`, which knows about expiry. */
  state: JobState;
  post_binding_redirect_uri: string | null;
  authenticator_config_id: string;
  expire_time: string;
  create_time: string;
  update_time: string;
}

/** A pending job past its expiry time is EXPIRED, without anyone having to write it. */
export function effectiveJobState(job: Pick<CredentialBindingJob, 'state' | 'expire_time'>, now: string): JobState {
  if (PENDING_JOB_STATES.includes(job.state) && job.expire_time <= now) return 'EXPIRED';
  return job.state;
}

/**
 * The binding-job list's `filter`: the contract names `state` and `delivery_method`. States compare
 * as the API shows them, so `state eq "EXPIRED"` finds pending jobs past their expiry too.
 */
export type JobFilterField = 'state' | 'delivery_method';
export type JobFilterOp = 'eq' | 'ne';
export type JobFilter = ListFilter<JobFilterField, JobFilterOp>;

const JOB_FILTER_GRAMMAR: FilterGrammar<JobFilterField, JobFilterOp> = {
  fields: { state: 'state', delivery_method: 'delivery_method' },
  ops: ['eq', 'ne'],
  comparable(field, value, attrPath) {
    // SCIM compares strings case-insensitively unless an attribute says otherwise.
    const upper = value.toUpperCase();
    const allowed: readonly string[] = field === 'state' ? JOB_STATES : DELIVERY_METHODS;
    if (!allowed.includes(upper)) throw new UnsupportedFilter(`"${attrPath}" is one of ${allowed.join(', ')}`);
    return upper;
  },
};

export function parseJobFilter(text: string): ListFilterResult<JobFilter> {
  return parseListFilter(text, JOB_FILTER_GRAMMAR);
}

export type CredentialState = 'ACTIVE' | 'REVOKED';

export interface Credential {
  id: string;
  realm_id: string;
  tenant_id: string;
  identity_id: string;
  state: CredentialState;
  csr_type: 'WEBAUTHN';
  jwk_json: string;
  jwk_thumbprint: string;
  create_time: string;
  update_time: string;
}

/** What WebAuthn needs of a credential, kept beside the contract's fields. */
export interface WebAuthnCredential extends Credential {
  /** The credential id as the authenticator made it, base64url. */
  webauthn_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  counter: number;
  transports: string[];
  aaguid: string;
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  /** The name its person gave it on the account page; null until then. */
  display_name: string | null;
  /** The last sign-in or re-authentication with it; null if never used since it was made. */
  last_used_time: string | null;
}

/**
 * The contract's rule: ENROLLED with one or more active passkeys; else PENDING with one or more
 * pending enrollments; else INVITE_FAILED with one or more failed ones; else UNENROLLED.
 */
export function enrollmentStatus(facts: { activeCredentials: number; pendingJobs: number; failedJobs: number }): EnrollmentStatus {
  if (facts.activeCredentials > 0) return 'ENROLLED';
  if (facts.pendingJobs > 0) return 'PENDING';
  if (facts.failedJobs > 0) return 'INVITE_FAILED';
  return 'UNENROLLED';
}

export interface Theme {
  id: string;
  realm_id: string;
  tenant_id: string;
  email_realm_name: string;
  logo_url_light: string;
  logo_url_dark: string;
  support_url: string;
  button_color: string;
  button_text_color: string;
  create_time: string;
  update_time: string;
}

export const DEFAULT_THEME_VALUES = {
  email_realm_name: 'yonder',
  logo_url_light: '',
  logo_url_dark: '',
  support_url: '',
  button_color: '#4673D3',
  button_text_color: '#FFFFFF',
};

export type BatchState = 'RUNNING' | 'FAILED' | 'PARTIAL_SUCCESS' | 'SUCCESS';

export interface BatchCredentialBindingJob {
  id: string;
  realm_id: string;
  tenant_id: string;
  identity_ids: string[];
  state: BatchState;
  state_commentary: { errors: Record<string, { last_error: string; failed_permanently: boolean }> };
  job_template: { authenticator_config_id?: string; post_binding_redirect_uri?: string };
  create_time: string;
  update_time: string;
}

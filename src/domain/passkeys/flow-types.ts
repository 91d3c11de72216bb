/**
 * Launch mechanisms: the realm's flow type configuration, as the v1 contract shapes it. Beyond
 * Identity's native authenticator reads it to decide how it may be launched on each platform;
 * yonder is a web passkey server, so only the `web` platform's flows that map to something yonder
 * does are enforced (see `ENFORCED_WEB_FLOWS`), and the rest are kept and echoed.
 */

export const PLATFORMS = ['android', 'macos', 'ios', 'windows', 'web', 'linux', 'chromeos', 'chromeosweb'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const FLOW_TYPES = [
  'unknown',
  'scheme',
  'embedded',
  'copy',
  'roaming_auth',
  'android_autofill',
  'android_accessibility',
  'pipe',
  'localhost',
  'universal_link',
  'safari_extension',
  'layered_auth_qr_code',
  'secure_localhost',
] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

export interface FlowTypeSetting {
  enabled: boolean;
  valid: boolean;
}

export type FlowTypeSet = Record<FlowType, FlowTypeSetting>;
export type PlatformFlowTypes = Record<Platform, FlowTypeSet>;

/** A PATCH body: any platform, any flow type, either field; the rest stays. */
export type FlowTypePatch = Partial<Record<Platform, Partial<Record<FlowType, Partial<FlowTypeSetting>>>>>;

export interface FlowTypeConfig {
  id: string;
  tenant_id: string;
  realm_id: string;
  create_time: string;
  update_time: string;
  platform_config: PlatformFlowTypes;
}

/**
 * Which flows are "valid and expected" on each platform by default: yonder's reading of where each
 * launch mechanism exists (Beyond Identity publishes no defaults). `unknown` is valid nowhere.
 */
const VALID_BY_DEFAULT: Record<Platform, readonly FlowType[]> = {
  android: ['scheme', 'embedded', 'copy', 'roaming_auth', 'android_autofill', 'android_accessibility', 'universal_link', 'layered_auth_qr_code'],
  ios: ['scheme', 'embedded', 'copy', 'roaming_auth', 'universal_link', 'safari_extension', 'layered_auth_qr_code'],
  macos: [
    'scheme',
    'embedded',
    'copy',
    'roaming_auth',
    'pipe',
    'localhost',
    'universal_link',
    'safari_extension',
    'layered_auth_qr_code',
    'secure_localhost',
  ],
  windows: ['scheme', 'embedded', 'copy', 'roaming_auth', 'pipe', 'localhost', 'layered_auth_qr_code', 'secure_localhost'],
  linux: ['scheme', 'embedded', 'copy', 'roaming_auth', 'pipe', 'localhost', 'layered_auth_qr_code', 'secure_localhost'],
  chromeos: ['scheme', 'embedded', 'copy', 'roaming_auth', 'android_autofill', 'layered_auth_qr_code'],
  web: ['embedded', 'copy', 'roaming_auth', 'layered_auth_qr_code'],
  chromeosweb: ['embedded', 'copy', 'roaming_auth', 'layered_auth_qr_code'],
};

/** The document a realm starts with: every valid flow enabled, every other one neither. */
export function defaultPlatformFlowTypes(): PlatformFlowTypes {
  const platforms = {} as PlatformFlowTypes;
  for (const platform of PLATFORMS) {
    const set = {} as FlowTypeSet;
    for (const flow of FLOW_TYPES) {
      const valid = VALID_BY_DEFAULT[platform].includes(flow);
      set[flow] = { enabled: valid, valid };
    }
    platforms[platform] = set;
  }
  return platforms;
}

/** The contract's PATCH: a deep merge, field by field. Unknown fields never get here (the schema refuses them). */
export function mergeFlowTypes(current: PlatformFlowTypes, patch: FlowTypePatch): PlatformFlowTypes {
  const merged = structuredClone(current);
  for (const platform of PLATFORMS) {
    const flows = patch[platform];
    if (!flows) continue;
    for (const flow of FLOW_TYPES) {
      const setting = flows[flow];
      if (!setting) continue;
      merged[platform][flow] = {
        enabled: setting.enabled ?? merged[platform][flow].enabled,
        valid: setting.valid ?? merged[platform][flow].valid,
      };
    }
  }
  return merged;
}

/**
 * The flows yonder enforces, all on the `web` platform (its pages run in a browser):
 * - `embedded`: a binding job for an `embedded` authenticator configuration, whose link sends the
 *   person to the application's own page, which then follows yonder's link;
 * - `copy`: a binding job delivered `RETURN`, whose link is handed to the caller to copy and pass on.
 */
export const ENFORCED_WEB_FLOWS = ['embedded', 'copy'] as const satisfies readonly FlowType[];
export type EnforcedWebFlow = (typeof ENFORCED_WEB_FLOWS)[number];

/** Whether the realm's document lets a web flow be used: enabled, and not marked invalid on the web. */
export function webFlowAllowed(platforms: PlatformFlowTypes, flow: EnforcedWebFlow): boolean {
  const setting = platforms.web[flow];
  return setting.enabled && setting.valid;
}

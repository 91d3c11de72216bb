/** The application the relying party signs in with. */
export interface RelyingPartyApplication {
  issuer: string;
  clientId: string;
  clientSecret?: string;
}

export function startRelyingParty(options: {
  register: (redirectUri: string) => Promise<RelyingPartyApplication>;
  port?: number;
  host?: string;
  scope?: string;
}): Promise<{ url: string; application: RelyingPartyApplication; close: () => Promise<void> }>;

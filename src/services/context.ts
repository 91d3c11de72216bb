import type { Config } from '../config.js';
import type { MasterKey } from '../domain/access/sealed-secret.js';
import type { BackgroundWork } from '../platform/background.js';
import type { Mailer } from '../platform/mail/mailer.js';
import type { Store } from '../store/index.js';
import type { TokenService } from '../platform/tokens/token-service.js';

/** What every use case needs: the store, the configuration, tokens, and the shared page-token key. */
export interface Yonder {
  config: Config;
  store: Store;
  tokens: TokenService;
  pageTokenKey: Buffer;
  /** Seals secrets the store keeps (client secrets, with `CLIENT_SECRETS=sealed`). */
  masterKey: MasterKey;
  /** Delivers binding links for EMAIL jobs. */
  mailer: Mailer;
  /** Work started by a request that its reply does not wait for; closing yonder waits for it. */
  background: BackgroundWork;
}

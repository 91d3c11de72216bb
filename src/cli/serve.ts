import { buildApp } from '../http/app.js';
import { startRetentionJob } from '../services/audit/retention.js';
import { bootstrapIfEmpty, openYonder } from '../services/bootstrap.js';
import { startRateLimitPruning } from '../services/access/rate-limits.js';
import { startCeremonyPurgeJob } from '../services/passkeys/ceremony-cleanup.js';
import { startSigningKeyPruning } from '../platform/tokens/signing-keys.js';
import { startWebhookDelivery } from '../services/webhooks/delivery.js';
import { deliverFirstStart } from './first-start.js';
import { bootstrapBanner } from './output.js';
import type { EffectiveConfig } from './settings.js';
import { writeSettingsOnce } from './setup.js';

/** Starts the HTTP server and stops it gracefully on SIGTERM or SIGINT. */
export async function serve(effective: EffectiveConfig): Promise<void> {
  const { config } = effective;
  const yonder = await openYonder(config);
  const bootstrap = await bootstrapIfEmpty(yonder);
  const app = await buildApp(yonder, { logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  writeSettingsOnce(effective, (line) => app.log.info({ file: effective.file }, line));
  const filed = effective.fileSettings.PUBLIC_URL;
  if (filed !== undefined && filed.replace(/\/+$/, '') !== config.publicUrl) {
    app.log.warn(
      { file: effective.file, public_url: config.publicUrl, file_public_url: filed },
      'PUBLIC_URL differs from the settings file: commands run without this environment use the file and mint tokens another issuer; edit the file',
    );
  }
  if (bootstrap) {
    const delivered = deliverFirstStart(bootstrapBanner(bootstrap, config.publicUrl), config.firstStartFile);
    if (delivered.shown === 'file') {
      // A warning, so that every log level shows it: a file of secrets now lies on disk.
      app.log.warn(
        { file: delivered.file },
        'first start: the admin token, client secret and console link are in this file (readable by its owner only); copy them, then delete it',
      );
    }
  }
  app.log.info({ url: config.publicUrl, engine: yonder.store.engine }, 'yonder is listening');
  const stopRetention = startRetentionJob(yonder, (error) => app.log.error({ err: error }, 'audit event pruning failed'));
  const stopRateLimitPruning = startRateLimitPruning(yonder, (error) => app.log.error({ err: error }, 'rate-limit pruning failed'));
  const stopCeremonyPurge = startCeremonyPurgeJob(yonder, (error) => app.log.error({ err: error }, 'expired ceremony purge failed'));
  const stopKeyPruning = startSigningKeyPruning(yonder, (error) => app.log.error({ err: error }, 'retired signing key pruning failed'));
  const webhookDelivery = startWebhookDelivery(yonder, (error) => app.log.error({ err: error }, 'webhook delivery failed'));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopRetention();
    stopRateLimitPruning();
    stopCeremonyPurge();
    stopKeyPruning();
    await webhookDelivery.stop();
    await app.close();
    await yonder.store.close();
    yonder.mailer.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

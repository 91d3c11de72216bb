import type { Command } from 'commander';
import type { Yonder } from '../services/context.js';
import { rotateSigningKey } from '../platform/tokens/signing-keys.js';
import { printJson } from './output.js';

type WithYonder = <T>(work: (y: Yonder) => Promise<T>) => Promise<T>;

/** `yonder keys rotate`: a new token-signing key; the old one verifies until its tokens expire. */
export function registerKeyCommands(program: Command, withYonder: WithYonder): void {
  const keys = program.command('keys').description('token signing keys');
  keys
    .command('rotate')
    .description(
      'add a signing key that signs from now on (running servers switch within a minute); earlier keys stay in the ' +
        'JWKS and keep verifying until the tokens they signed have expired (90 days at most), then leave',
    )
    .action(async () => {
      await withYonder(async (y) => {
        const rotation = await rotateSigningKey(y);
        printJson({
          kid: rotation.kid,
          retired: rotation.retired.map((key) => ({ kid: key.kid, leaves_at: key.leavesAt })),
          deleted: rotation.deleted,
        });
      });
    });
}

import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function IdentitiesScreen(_props: ScreenProps) {
  return <Placeholder title="Identities" />;
}

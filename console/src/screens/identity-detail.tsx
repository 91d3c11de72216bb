import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function IdentityDetailScreen(_props: ScreenProps) {
  return <Placeholder title="Identity" />;
}

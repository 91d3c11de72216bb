import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function TokensScreen(_props: ScreenProps) {
  return <Placeholder title="API tokens" />;
}

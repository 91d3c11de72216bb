import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function PolicyScreen(_props: ScreenProps) {
  return <Placeholder title="Policy" />;
}

import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function ActivityScreen(_props: ScreenProps) {
  return <Placeholder title="Activity" />;
}

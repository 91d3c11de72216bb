import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function GroupDetailScreen(_props: ScreenProps) {
  return <Placeholder title="Group" />;
}

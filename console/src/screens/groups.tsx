import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function GroupsScreen(_props: ScreenProps) {
  return <Placeholder title="Groups" />;
}

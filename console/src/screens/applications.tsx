import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function ApplicationsScreen(_props: ScreenProps) {
  return <Placeholder title="Applications" />;
}

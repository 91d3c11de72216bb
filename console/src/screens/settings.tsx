import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function SettingsScreen(_props: ScreenProps) {
  return <Placeholder title="Tenant settings" />;
}

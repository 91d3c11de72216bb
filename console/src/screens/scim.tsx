import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function ScimScreen(_props: ScreenProps) {
  return <Placeholder title="SCIM provisioning" />;
}

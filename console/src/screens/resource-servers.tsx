import type { ScreenProps } from './index';
import { Placeholder } from './placeholder';

export function ResourceServersScreen(_props: ScreenProps) {
  return <Placeholder title="Resource servers" />;
}

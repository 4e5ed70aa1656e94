// Top line: product, backend and where the lake is (profile/region/bucket or the lake folder).
import { Box, Text } from 'ink';
import type { Backend } from '../../core/backend.js';
import { toneProps, useTheme } from '../theme.js';
import { truncate } from '../text.js';

export function Header({ backend, width }: { backend: Backend; width: number }) {
  const theme = useTheme();
  const badge = backend.readOnly ? ' [read-only]' : '';
  const label = truncate(backend.label, Math.max(0, width - 'lakedeck │ '.length - badge.length - 1));
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text {...toneProps(theme, 'accent', { bold: true })}>lakedeck</Text>
        <Text {...toneProps(theme, 'muted')}> │ </Text>
        <Text>{label}</Text>
        {badge ? <Text {...toneProps(theme, 'warn', { bold: true })}>{badge}</Text> : null}
      </Text>
    </Box>
  );
}

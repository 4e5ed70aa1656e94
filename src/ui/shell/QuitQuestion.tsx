// The question asked when quitting with work in flight: the decision and its keys first, then
// what quitting would cancel, wrapped (never cut) at any width.
import { Box, Text } from 'ink';
import { toneProps, useTheme } from '../theme.js';

export interface QuitQuestionProps {
  work: readonly string[];
  width: number;
}

export function QuitQuestion({ work, width }: QuitQuestionProps) {
  const theme = useTheme();
  const what = work.join(' and ');
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="wrap" {...toneProps(theme, 'warn', { bold: true })}>
        Quit and cancel? y: yes, cancel and quit · n: no, keep working
      </Text>
      <Text wrap="wrap">{`${what.charAt(0).toUpperCase()}${what.slice(1)} is still running. Quitting cancels it cleanly: nothing half-written is left and the run is recorded as cancelled.`}</Text>
    </Box>
  );
}

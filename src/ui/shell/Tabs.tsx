// Pane tabs with their number keys; the active one is bracketed as well as highlighted, so it
// reads the same without colour.
import { Text } from 'ink';
import { Fragment } from 'react';
import type { PaneDefinition } from './pane.js';
import { toneProps, useTheme } from '../theme.js';

export function Tabs({ panes, activeId }: { panes: readonly PaneDefinition[]; activeId?: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate">
      {panes.map((pane) => {
        const active = pane.id === activeId;
        const label = active ? `[${pane.slot} ${pane.title}]` : ` ${pane.slot} ${pane.title} `;
        return (
          <Fragment key={pane.id}>
            <Text {...toneProps(theme, active ? 'accent' : 'muted', { bold: active, inverse: active })}>{label}</Text>
            <Text> </Text>
          </Fragment>
        );
      })}
      {panes.length > 1 ? <Text {...toneProps(theme, 'muted')}> Tab switches</Text> : null}
    </Text>
  );
}

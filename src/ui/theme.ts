// Colour and text attributes are decided here, from the environment, because chalk ignores
// NO_COLOR and TERM=dumb. Every state the console shows also has a word or a marker, so turning
// colour off never hides information.
import { createContext, useContext } from 'react';

export interface Theme {
  /** Foreground colours allowed (off with NO_COLOR or TERM=dumb). */
  color: boolean;
  /** Bold / dim / inverse allowed (off with TERM=dumb, which cannot draw them). */
  attributes: boolean;
}

export type Tone = 'plain' | 'accent' | 'muted' | 'error' | 'warn' | 'ok' | 'key';

const TONE_COLORS: Record<Tone, string | undefined> = {
  plain: undefined,
  accent: 'cyan',
  muted: 'gray',
  error: 'red',
  warn: 'yellow',
  ok: 'green',
  key: 'magenta',
};

export function themeFromEnv(env: NodeJS.ProcessEnv): Theme {
  const dumb = env.TERM === 'dumb';
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return { color: !dumb && !noColor, attributes: !dumb };
}

export interface ToneProps {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

/** Ink <Text> props for a tone, with whatever the theme forbids left out. */
export function toneProps(theme: Theme, tone: Tone, attrs: Omit<ToneProps, 'color'> = {}): ToneProps {
  const props: ToneProps = {};
  const color = TONE_COLORS[tone];
  if (theme.color && color) props.color = color;
  if (theme.attributes) {
    if (attrs.bold) props.bold = true;
    if (attrs.inverse) props.inverse = true;
    // Without colour, gray text is lost; dim keeps the hierarchy visible.
    if (attrs.dimColor || (tone === 'muted' && !theme.color)) props.dimColor = true;
  }
  return props;
}

export const ThemeContext = createContext<Theme>({ color: true, attributes: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

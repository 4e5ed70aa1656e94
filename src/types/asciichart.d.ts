// Types for asciichart 1.5 (the package ships none): the one function the Metrics pane uses.
declare module 'asciichart' {
  export interface PlotConfig {
    height?: number;
    min?: number;
    max?: number;
    offset?: number;
    padding?: string;
    format?: (value: number, index: number) => string;
    symbols?: string[];
  }
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
}

// Fractions of a box as CSS percentages, rounded to 1/100 % so float noise (0.1 + 0.2) never
// reaches the rendered style.

export function percent(fraction: number): number {
  return Math.round(fraction * 10_000) / 100;
}

/**
 * Mixes a #rrggbb colour towards white (amount > 0) or black (amount < 0); used for the soft
 * shading of skin, hair and lips so each face needs no extra palette entries.
 */
export function shadeColor(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  if (!/^#[0-9a-f]{6}$/i.test(hex) || Number.isNaN(value)) {
    throw new Error(`shadeColor: expected a colour like #a1b2c3, but got "${hex}"`);
  }
  const target = amount > 0 ? 255 : 0;
  const t = Math.min(1, Math.abs(amount));
  const channel = (shift: number): string => {
    const c = (value >> shift) & 0xff;
    return Math.round(c + (target - c) * t).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

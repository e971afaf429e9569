/**
 * How many SMS segments a text needs (3GPP TS 23.038 and TS 23.040). A text made only of the GSM
 * 03.38 default alphabet travels as GSM-7: 160 characters in one segment, 153 per segment when it
 * is split; the extension table's characters take two. Anything else (an emoji, a curly quote)
 * forces UCS-2 for the whole message: 70 characters, 67 per segment when split, counted in
 * UTF-16 code units. Æ, Ø and Å (and æ, ø, å) are in the default alphabet, so Norwegian fits GSM-7.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

export type SegmentCount = { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number };

export function countSegments(text: string): SegmentCount {
  let septets = 0;
  for (const character of text) {
    if (GSM7_BASIC.includes(character)) septets += 1;
    else if (GSM7_EXTENSION.includes(character)) septets += 2;
    else {
      const units = text.length; // UTF-16 code units
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}

/**
 * What the clerk notes about a garment's condition at intake, from a closed list: the shop's
 * record (and the customer's, on the ticket) of what was wrong before the work, which is what a
 * complaint about a stain or a tear is later weighed against. A free note may add to it.
 */
export const CONDITION_NOTES = ['flekk', 'hull', 'manglende_knapp', 'slitasje', 'misfarging', 'krymping_risiko', 'kunden_informert'] as const;
export type ConditionNote = (typeof CONDITION_NOTES)[number];

/** As printed on the ticket and shown at the counter. */
export const CONDITION_LABELS: Record<ConditionNote, string> = {
  flekk: 'Flekk',
  hull: 'Hull',
  manglende_knapp: 'Manglende knapp',
  slitasje: 'Slitasje',
  misfarging: 'Misfarging',
  krymping_risiko: 'Risiko for krymping',
  kunden_informert: 'Kunden er informert',
};

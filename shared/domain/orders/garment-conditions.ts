/**
 * What the counter notes about a garment's condition when it is taken in: a closed list, so that
 * what is printed on the ticket that leaves the shop is one of these words and never staff free
 * text (a free note may hold anything, a customer's name or number included). A condition noted at
 * intake is the shop's evidence if the customer later says the cleaning caused it, and
 * "kunden_informert" that the customer was told of a risk before the work (the duty to advise,
 * håndverkertjenesteloven § 7).
 */
export const CONDITION_NOTES = ['flekk', 'hull', 'manglende_knapp', 'slitasje', 'misfarging', 'krymping_risiko', 'kunden_informert'] as const;
export type ConditionNote = (typeof CONDITION_NOTES)[number];

/** How each note is printed, in Norwegian. */
export const CONDITION_NOTE_LABELS = {
  flekk: 'Flekk',
  hull: 'Hull',
  manglende_knapp: 'Manglende knapp',
  slitasje: 'Slitasje',
  misfarging: 'Misfarging',
  krymping_risiko: 'Risiko for krymping',
  kunden_informert: 'Kunden er informert',
} as const satisfies Record<ConditionNote, string>;

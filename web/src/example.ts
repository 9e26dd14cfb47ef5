import type { NamedText } from './types';

/** A short news story and a spun, reordered copy of it (written for Unspin): the empty Compare view offers it. */
export const EXAMPLE: { readonly a: NamedText; readonly b: NamedText } = {
  a: {
    name: 'harbour-authority.txt',
    date: '2024-03-05',
    text: [
      "The harbour authority of Port Ellery said on Tuesday that the old ferry terminal will close for repairs at the end of March. Engineers found cracks in the concrete pier after the winter storms, and the board agreed that the work could not wait another season.",
      "Passengers will board at a temporary landing stage on the north quay while the terminal is closed. The authority expects the repairs to take about six weeks and to cost roughly two million pounds, most of it paid from the maintenance fund.",
      "Local businesses warned that the closure comes at a difficult time, just before the spring holidays. The chair of the traders' association said shops near the terminal depend on visitors who arrive by ferry, and asked the authority to put up clear signs in the town centre.",
      "A spokesperson for the authority said the timetable will not change and that extra staff will help travellers find the new landing stage.",
      "Further details, including a map of the temporary landing stage, will be published on the authority's website next week.",
    ].join('\n\n'),
  },
  b: {
    name: 'reposted-story.txt',
    date: '2024-03-07',
    text: [
      "Local businesses warned that the closure comes at a tough time, just before the spring holidays. The chair of the traders' association said shops near the terminal rely on visitors who arrive by ferry, and asked the authority to put up clear indications in the town centre.",
      "The harbour authority of Port Ellery stated on Tuesday that the aged ferry terminal will shut for repairs at the end of March. Engineers identified cracks in the concrete pier after the winter storms, and the board did concur that the work could not wait another season.",
      "Port Ellery's terminal was built in 1962 and last refurbished two decades ago.",
      "While the terminal is shut, ferries will use a temporary landing stage on the north quay. Work should last around six weeks, according to the authority, with a bill of close to two million pounds that will mostly come out of its maintenance fund.",
      "A spokesperson for the authority explained the timetable will not modify and that additional personnel will help travellers uncover the new landing stage.",
    ].join('\n\n'),
  },
};

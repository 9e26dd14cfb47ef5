import { prepareDocument } from '../../src/corpus/index-corpus.js';
import type { SourceDocument } from '../../src/corpus/types.js';
import { fingerprint, postingKeys } from '../../src/fingerprint/fingerprint.js';
import type { Lexicon } from '../../src/lexicon/types.js';
import { obfuscate } from '../../src/spin/obfuscate.js';
import type { CorpusStore } from '../../src/store/corpus-store.js';

/**
 * Short, unrelated English texts written for the corpus tests (fingerprints, store, search, scan, CLI).
 * `SOURCE` is the one the tests copy (verbatim, spun, paraphrased); the others only have to stay apart.
 */

export const SOURCE = [
  'The river authority in the valley town of Marlow announced on Monday that the old stone bridge over the Kestrel',
  'will close to all traffic for at least nine months. Inspectors found deep cracks in two of the five arches after',
  'the floods of last winter, and the engineers who examined the piers said that heavy lorries could no longer cross',
  'safely. The repairs are expected to cost about four million pounds, most of which will come from the national',
  'roads fund. Shopkeepers on the eastern bank fear that the closure will keep visitors away during the busy summer',
  'season, when tourists usually walk across the bridge to reach the market square. The council has promised a free',
  'shuttle bus between the two banks and a temporary footbridge for pedestrians and cyclists, which should open by',
  'the end of April. A local historian pointed out that the bridge was built in 1783 by a family of masons from the',
  'north, and that it has survived three great floods before this one. She hopes that the original stones can be',
  'kept wherever possible, because the carvings on the parapet are the only ones of their kind left in the county.',
  'The authority said that it would publish a full timetable for the works next week and hold a public meeting in',
  'the town hall, where residents will be able to ask questions about diversions, parking and the new bus routes.',
].join(' ');

/** Ten texts on other subjects, none derived from another or from SOURCE. */
export const UNRELATED: readonly string[] = [
  [
    'Beekeeping has become a popular hobby among city dwellers, who place hives on rooftops and balconies. A healthy',
    'colony can hold fifty thousand bees in midsummer, and each worker lives only a few weeks during the busiest',
    'months. Beginners are often surprised by how calm the insects are when handled gently and without sudden movement.',
    'Experienced keepers advise checking the brood frames every ten days in spring, looking for queen cells, signs of',
    'disease and the pattern of capped larvae. Honey is harvested in late summer, once the combs are sealed with wax,',
    'and enough must be left behind for the colony to survive the cold. Urban honey often tastes of lime blossom and',
    'clover, since parks and gardens offer a surprising variety of flowers. Some cities now require hives to be',
    'registered, so that inspectors can trace outbreaks of foulbrood, a bacterial infection that spreads quickly',
    'between apiaries and can destroy an entire colony within a single season.',
  ].join(' '),
  [
    'Sourdough bread relies on a culture of wild yeast and lactic acid bacteria rather than a packet of dried yeast.',
    'Bakers keep the starter alive by feeding it flour and water every day, discarding part of it before each feed.',
    'The long fermentation gives the loaf its sour flavour, an open crumb and a crust that crackles as it cools.',
    'Temperature matters more than most recipes admit: a warm kitchen can halve the rising time, while a cold one may',
    'leave the dough dense and heavy. Many home bakers shape the dough in the evening, rest it in the refrigerator',
    'overnight and bake it in a very hot cast iron pot the next morning. Steam trapped under the lid lets the loaf',
    'expand before the crust sets. Whole grain flours absorb more water and ferment faster than white flour, so the',
    'proportions have to be adjusted by feel. Patience, more than any special equipment, is what the craft demands.',
  ].join(' '),
  [
    'Astronomers have catalogued thousands of planets orbiting other stars since the first confirmed discovery in the',
    'nineteen nineties. Most were found by watching a star dim slightly as a planet passed in front of it, a method',
    'known as transit photometry. Others reveal themselves through the tiny wobble they cause in their star, which',
    'shifts the colour of its light back and forth. Giant gaseous worlds close to their stars were the easiest to',
    'detect at first, which gave a misleading picture of how planetary systems usually look. Space telescopes have',
    'since found many rocky planets, some of them in the zone where liquid water could exist on the surface. Measuring',
    'the atmospheres of such planets is the next challenge: starlight filtered through a thin layer of gas carries the',
    'fingerprints of molecules such as methane, carbon dioxide and water vapour, which spectrographs can separate.',
  ].join(' '),
  [
    'Chess players spend years studying openings, yet most games between amateurs are decided by simple tactical',
    'mistakes in the middle game. Coaches therefore recommend solving puzzles every day: forks, pins, skewers and',
    'discovered attacks become familiar patterns that the eye recognises without calculation. Endgames deserve more',
    'attention than they usually receive, because knowing how to win with a single extra pawn turns many drawn',
    'positions into victories. Online play has made it easy to find opponents at any hour, although rapid games',
    'encourage careless habits. Reviewing each loss with an engine, slowly and honestly, teaches more than winning a',
    'dozen quick games. Tournament players also learn to manage their clocks, leaving enough time for the critical',
    'moments instead of spending twenty minutes on a routine developing move in the opening.',
  ].join(' '),
  [
    'The humble bicycle remains one of the most efficient machines ever invented, converting almost all of the',
    "rider's effort into forward motion. Cycling to work improves fitness, saves money and reduces congestion, but",
    'many commuters are put off by fast traffic and a lack of secure parking. Cities that built protected lanes',
    'separated from cars by kerbs or planters have seen the number of riders grow rapidly, including children and',
    'older people. Electric bicycles have widened the appeal further, flattening hills and making longer journeys',
    'practical. Maintenance is simple: keep the chain clean and oiled, check tyre pressure each week and replace',
    'brake pads before they wear through. A good lock and a habit of securing the frame, not just a wheel, will',
    'deter most thieves, who prefer easy targets left unattended outside stations and supermarkets.',
  ].join(' '),
  [
    'Volcanoes form where molten rock rises through weaknesses in the crust, often along the edges of tectonic',
    'plates. Some erupt explosively, throwing ash high into the atmosphere, while others release slow rivers of lava',
    'that can flow for months. Scientists monitor active volcanoes with seismometers, satellite radar and instruments',
    'that measure the gases escaping from vents. A sudden rise in sulphur dioxide or a swarm of small earthquakes can',
    'signal that magma is moving beneath the surface. Forecasting the exact timing of an eruption remains difficult,',
    'but warnings issued days in advance have saved thousands of lives. Volcanic soils are also remarkably fertile,',
    'which is why farms and villages cluster on slopes that may one day be buried again. Ash clouds can ground',
    'aircraft across entire continents, since the glassy particles melt inside jet engines and stop them.',
  ].join(' '),
  [
    'Learning a second language as an adult is slower than learning one as a child, but adults have advantages of',
    'their own: they can read grammar explanations, plan their study and notice patterns deliberately. Researchers',
    'agree that regular exposure matters most. Listening to podcasts, reading simple novels and speaking with patient',
    'partners all help the brain absorb vocabulary in context. Flashcard programs that space out reviews can fix',
    'thousands of words in memory with only a few minutes of practice each day. Pronunciation is often the hardest',
    'part, because the ear must first learn to hear sounds that do not exist in the mother tongue. Mistakes are',
    'inevitable and useful; learners who are afraid of sounding foolish tend to speak less and improve more slowly',
    'than those who chatter happily with strangers in cafes, shops and railway carriages.',
  ].join(' '),
  [
    'Coral reefs cover a tiny fraction of the ocean floor yet shelter roughly a quarter of all marine species. The',
    'reefs are built by colonies of small animals that live in partnership with algae, which supply them with sugars',
    'through photosynthesis. When the water becomes too warm, the corals expel the algae and turn white, a process',
    'called bleaching. If temperatures fall quickly the colonies can recover, but repeated heatwaves leave them',
    'starving and vulnerable to disease. Divers and volunteers now grow fragments of coral on underwater frames and',
    'replant them on damaged reefs, hoping to preserve varieties that tolerate heat better than others. Reducing',
    'pollution from farms and sewage also helps, because murky water full of nutrients encourages seaweed that',
    'smothers young corals before they can establish themselves on the rock.',
  ].join(' '),
  [
    'Jazz grew out of the musical traditions of New Orleans at the start of the twentieth century, blending blues,',
    'ragtime and brass band marches. Early recordings captured small groups in which trumpet, clarinet and trombone',
    'improvised together over a steady rhythm. In the swing era, big bands filled dance halls across the country,',
    'and arrangers wrote elaborate parts for saxophone sections. Bebop musicians later turned away from dancing',
    'audiences, playing fast and harmonically daring tunes in smoky clubs late at night. Each generation has argued',
    'about what counts as real jazz, yet the music keeps absorbing new influences from Latin rhythms, rock, funk and',
    'electronic sounds. At its heart remains improvisation: a soloist inventing melodies on the spot, listening and',
    'answering the other players as if holding a conversation in a language only they fully understand.',
  ].join(' '),
  [
    'Composting turns kitchen scraps and garden waste into a dark, crumbly material that improves almost any soil.',
    'A good heap needs a balance of green matter, such as vegetable peelings and grass clippings, and brown matter,',
    'such as dry leaves, straw and shredded cardboard. Turning the pile every couple of weeks lets air reach the',
    'microbes that do the work, and keeps unpleasant smells away. In warm weather a well built heap can reach',
    'temperatures high enough to kill weed seeds. Meat, dairy and oily food are best left out, since they attract',
    'rats and foxes. Worm bins offer an alternative for flats and small yards: red worms digest scraps quickly and',
    'produce a rich liquid that can be diluted and poured onto houseplants. After six months or so the finished',
    'compost can be dug into beds or spread as a mulch around shrubs and fruit trees.',
  ].join(' '),
];

/** Dates for the copies tests: the source is the earliest. */
export const SOURCE_DATE = '2024-03-04';

/** A text on yet another subject, for queries that should find nothing. */
export const UNRELATED_QUERY = [
  'Knitting circles have returned to libraries and community halls, where beginners learn to cast on, purl and',
  'follow a pattern while more experienced members untangle dropped stitches. Wool from local sheep farms is prized',
  'for its warmth, though many knitters now choose cotton or bamboo yarn for summer garments. A simple scarf is the',
  'traditional first project, but socks, with their heels and gussets, are the real test of patience. Several groups',
  'donate hats and blankets to hospitals and shelters every winter, and some run workshops for teenagers who want',
  'to repair their clothes instead of throwing them away.',
].join(' ');

/** The copies of SOURCE the tests look for: verbatim, spun (30% synonyms) and paraphrased then spun. */
export interface Copies {
  readonly verbatim: string;
  readonly spun: string;
  readonly paraphrase: string;
}

export function copiesOf(lexicon: Lexicon): Copies {
  return {
    verbatim: SOURCE,
    spun: obfuscate(SOURCE, { spin: 0.3, paraphrase: false, seed: 1 }, lexicon).text,
    paraphrase: obfuscate(SOURCE, { spin: 0.3, paraphrase: true, seed: 1 }, lexicon).text,
  };
}

/** The ids of the unrelated texts in a store from `fillStore`. */
export const unrelatedIds = UNRELATED.map((_, i) => `unrelated-${i}`);

/** Adds documents to a store as `unspin index` would (fingerprinted, one batch). */
export async function fillStore(store: CorpusStore, documents: readonly SourceDocument[]): Promise<void> {
  await store.addDocuments(documents.map(prepareDocument), (text) => postingKeys(fingerprint(text)));
}

/** The unrelated texts as documents, dated one day apart from 2024-01-01 when `dated`. */
export function unrelatedDocuments(dated = false): SourceDocument[] {
  return UNRELATED.map((text, i) => ({ id: unrelatedIds[i] as string, text, ...(dated ? { date: `2024-01-${String(i + 1).padStart(2, '0')}` } : {}) }));
}

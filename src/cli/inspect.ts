import type { Command } from 'commander';
import { readTextFile } from '../corpus/read-text.js';
import { renderInspection } from '../report/inspection.js';
import { inspect } from '../spin/detect.js';
import { useColor } from './compare.js';
import { action } from './run.js';
import { addSpinOptions, inspectionProgress, spinLists, thresholdOf, type SpinFlags } from './spin-options.js';

interface InspectFlags extends SpinFlags {
  readonly color: boolean;
}

async function runInspect(path: string, flags: InspectFlags): Promise<void> {
  const text = readTextFile(path);
  const threshold = thresholdOf(flags);
  const { lists, learned } = await spinLists(flags);
  const bar = inspectionProgress('inspecting');
  const inspection = inspect(text, { lists, learned, onProgress: bar.onProgress, ...(threshold !== undefined ? { threshold } : {}) });
  bar.stop();
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(inspection, null, 2)}\n`);
    return;
  }
  process.stdout.write(renderInspection(text, inspection, { color: useColor(flags.color) }));
}

export function registerInspect(program: Command): void {
  const command = program
    .command('inspect')
    .summary("find a spinner's phrases in a text, with no source at hand")
    .description(
      'Look for the fingerprints of an automatic spinner ("Secretary of Point out" for "Secretary of State", ' +
        '"counterfeit consciousness" for "artificial intelligence") in one text. Says whether the whole text reads as ' +
        "a spinner's output (how much likelier a language model finds it with its words' synonyms, from WordNet and " +
        'a broad thesaurus, put back), with a probability calibrated on real web pages. A phrase is suspect when swapping ' +
        'one of its words back for a synonym gives a set expression, when a known list says the spinner writes its ' +
        'words for others, and when the swap fits the surrounding words better; on a text that reads spun, also where ' +
        'the language model reads a synonym far likelier in its place (marked guess where the models are unsure of the original, which restore then leaves). A list\'s word ' +
        'swaps weigh in full only on a text of the field the list came from (by how much likelier its words are in the ' +
        "list's phrases than in English at large, and by how little it reads like news: reported speech, days of the week, " +
        'quotations); on a news report, a list of tortured phrases from papers keeps mostly to its ' +
        'exact phrases. Prints the text ' +
        'with each suspect phrase marked, the likely original beside it and the evidence; --json gives ' +
        '{spun, spunProbability, spinScore, listField?, findings: [{start, end, text, suggestion, confidence, evidence, guess?}]} with character offsets into the file ' +
        "(listField, with --lexicon: the chance that the text is of the list's field).",
    )
    .argument('<file>', 'the text to inspect (UTF-8 plain text; - for standard input)');
  addSpinOptions(command)
    .option('--json', 'print the findings as JSON instead of the marked-up text')
    .option('--no-color', 'plain text without colours (also off when NO_COLOR is set or output is not a terminal)')
    .addHelpText(
      'after',
      '\nExamples:\n  unspin inspect article.txt\n  unspin inspect paper.txt --lexicon tortured.tsv --json\n',
    )
    .action(action((path: string, flags: InspectFlags) => runInspect(path, flags)));
}

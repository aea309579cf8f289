/**
 * One export in progress (src/elm/export/to-elm.ts): the model, the options, the issues found so far,
 * and the values every part writes (language maps, notes, web resources, numbers, durations).
 */
import type { LangString, MicroCredential } from '../../model/types.js';
import type { ConceptNode } from '../concepts.js';
import { type ElmIssue, elmIssue } from '../issues.js';
import { OWN_SCHEME } from '../terms.js';
import type { ElmNode, ToElmOptions } from './types.js';

/** The model being exported, its options, the issues found so far, and the writers of values. */
export class Exporter {
  readonly primary: string;
  readonly ebsi: boolean;
  private readonly warnedTags = new Set<string>();

  constructor(
    readonly mc: MicroCredential,
    readonly options: ToElmOptions,
    readonly issues: ElmIssue[],
  ) {
    this.primary = mc.primaryLanguage ?? 'en';
    this.ebsi = options.profile === 'ebsi';
  }

  /**
   * A LangString as a JSON-LD language map; a plain string is in the primary language. EBSI's
   * schema takes only two-letter keys: the EBSI profile shortens `pt-BR` to `pt` (the first text
   * of a language wins).
   */
  lang(value: LangString, path: (string | number)[]): Record<string, string> {
    const source = typeof value === 'string' ? { [this.primary]: value } : value;
    const map: Record<string, string> = {};
    for (const [tag, text] of Object.entries(source)) {
      const twoLetter = /^[a-z]{2}$/i.test(tag);
      if (!twoLetter && !this.warnedTags.has(tag)) {
        this.warnedTags.add(tag);
        const short = tag.slice(0, 2).toLowerCase();
        this.issues.push(
          elmIssue(
            'ELM_LANGUAGE_TAG_NOT_TWO_LETTER',
            'warning',
            path,
            this.ebsi
              ? `The language tag "${tag}" is written "${short}": EBSI's schema takes two-letter tags only.`
              : `The language tag "${tag}" is exported as it is; EDC and EBSI expect two-letter tags ("${short}"), so some of their tools may not show this text.`,
          ),
        );
      }
      const key = this.ebsi && !twoLetter ? tag.slice(0, 2).toLowerCase() : tag;
      if (!Object.hasOwn(map, key)) map[key] = text;
    }
    return map;
  }

  note(value: LangString, path: (string | number)[], subject?: ConceptNode): ElmNode {
    return { type: 'Note', noteLiteral: this.lang(value, path), ...(subject ? { subject } : {}) };
  }

  /** A note carrying a model fact ELM has no place for; the subject concept holds the value. */
  ownNote(subjectId: string, label: string, text: LangString = label): ElmNode {
    const subject: ConceptNode = { id: subjectId, type: 'Concept', inScheme: { id: OWN_SCHEME, type: 'ConceptScheme' }, prefLabel: { en: label } };
    return { type: 'Note', noteLiteral: typeof text === 'string' ? { en: text } : { ...text }, subject };
  }

  webResource(url: string, title?: LangString, path: (string | number)[] = []): ElmNode {
    return { type: 'WebResource', contentURL: url, ...(title ? { title: this.lang(title, path) } : {}) };
  }
}

/**
 * Hours as an xsd:duration. Only the seconds of a duration may have a fraction (XML Schema 1.1
 * Part 2, 3.3.6), so 187.5 hours is `PT187H30M`, not `PT187.5H`.
 */
export function hoursDuration(hours: number): string {
  const whole = Math.floor(hours);
  const restSeconds = Math.round((hours - whole) * 3600 * 1e6) / 1e6;
  const minutes = Math.floor(restSeconds / 60);
  const seconds = Math.round((restSeconds - minutes * 60) * 1e6) / 1e6;
  return `PT${whole > 0 || (minutes === 0 && seconds === 0) ? `${decimal(whole)}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds > 0 ? `${decimal(seconds)}S` : ''}`;
}

/** A number in plain decimal notation (xsd:duration and xsd:decimal have no exponents). */
export function decimal(n: number): string {
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}

// What a user's editor shows on hover: the TypeScript language service's quick info for a small
// consumer file that imports the package's root entry, from the source (src/index.ts) and from the
// built declarations (dist/index.d.ts and .d.cts; `npm test` builds first), where the bundler
// renames a type that shares its name with a value (`Learner$1`). The model's types are declared by
// name (src/model/types.ts) so that a hover reads `learner: Learner`, not the object type zod
// infers, and `country: CountryCode`, not all the country codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
/** Not on disk: the language service reads it from here. */
const consumer = join(root, 'test', '__hover_consumer__.ts');
const consumerOf = (entry: string) => `import { parseMicroCredential, type MicroCredential } from '${entry}';
declare const input: unknown;
const mc = parseMicroCredential(input);
const typed: MicroCredential = mc;
mc.learner;
mc.learner.nationalId;
mc.title;
mc.issuer;
mc.issuer.country;
mc.awardingBodies;
mc.awardingBodies[0]!.country;
mc.learningOutcomes;
mc.workload;
mc.workload.credits;
mc.level;
mc.level!.nqf;
mc.assessment;
mc.assessment.type;
mc.participation;
mc.participation.mode;
mc.participation.provider;
mc.qualityAssurance;
mc.qualityAssurance[0]!.type;
mc.prerequisites;
mc.supervision;
mc.grade;
mc.stackability;
mc.furtherInformation;
mc.furtherInformation!.links;
`;

function languageService(code: string): ts.LanguageService {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const options = ts.convertCompilerOptionsFromJson(config.config.compilerOptions, root).options;
  return ts.createLanguageService({
    getScriptFileNames: () => [consumer],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const text = file === consumer ? code : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === consumer || ts.sys.fileExists(file),
    readFile: (file) => (file === consumer ? code : ts.sys.readFile(file)),
    directoryExists: (dir) => ts.sys.directoryExists(dir),
    getDirectories: (dir) => ts.sys.getDirectories(dir),
  });
}

describe.each(['../src/index.js', '../dist/index.js', '../dist/index.cjs'])('hovers in an editor, importing %s', (entry) => {
  const code = consumerOf(entry);
  let service: ts.LanguageService;
  beforeAll(() => {
    service = languageService(code);
  });

  /** The hover text at the last occurrence of `name` on the line that starts with `line`. */
  const hover = (line: string, name: string): string => {
    const start = code.indexOf(`\n${line}`) + 1;
    expect(start, line).toBeGreaterThan(0);
    const at = code.lastIndexOf(name, start + line.length);
    return ts.displayPartsToString(service.getQuickInfoAtPosition(consumer, at)?.displayParts);
  };

  it('the consumer file compiles', () => {
    const errors = service.getSemanticDiagnostics(consumer).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  it.each([
    ['const mc =', 'mc', 'const mc: MicroCredential'],
    ['const typed', 'typed', 'const typed: MicroCredential'],
    ['mc.learner;', 'learner', '(property) MicroCredential.learner: Learner'],
    ['mc.learner.nationalId;', 'nationalId', '(property) Learner.nationalId?: NationalId | undefined'],
    ['mc.title;', 'title', '(property) MicroCredential.title: LangString'],
    ['mc.issuer;', 'issuer', '(property) MicroCredential.issuer: Organisation'],
    ['mc.issuer.country;', 'country', '(property) Organisation.country: CountryCode'],
    ['mc.awardingBodies;', 'awardingBodies', '(property) MicroCredential.awardingBodies: Organisation[]'],
    ['mc.awardingBodies[0]!.country;', 'country', '(property) Organisation.country: CountryCode'],
    ['mc.learningOutcomes;', 'learningOutcomes', '(property) MicroCredential.learningOutcomes: LearningOutcome[]'],
    ['mc.workload;', 'workload', '(property) MicroCredential.workload: Workload'],
    ['mc.workload.credits;', 'credits', '(property) Workload.credits?: WorkloadCredits | undefined'],
    ['mc.level;', 'level', '(property) MicroCredential.level?: Level | undefined'],
    ['mc.level!.nqf;', 'nqf', '(property) Level.nqf?: NqfLevel | undefined'],
    ['mc.assessment;', 'assessment', '(property) MicroCredential.assessment: Assessment'],
    ['mc.assessment.type;', 'type', '(property) Assessment.type: AssessmentType | OtherAssessmentType'],
    ['mc.participation;', 'participation', '(property) MicroCredential.participation: Participation'],
    ['mc.participation.mode;', 'mode', '(property) Participation.mode: ParticipationMode'],
    ['mc.participation.provider;', 'provider', '(property) Participation.provider?: Organisation | undefined'],
    ['mc.qualityAssurance;', 'qualityAssurance', '(property) MicroCredential.qualityAssurance: QualityAssurance[]'],
    ['mc.qualityAssurance[0]!.type;', 'type', '(property) QualityAssurance.type: QualityAssuranceType'],
    ['mc.prerequisites;', 'prerequisites', '(property) MicroCredential.prerequisites?: LangString | undefined'],
    ['mc.supervision;', 'supervision', '(property) MicroCredential.supervision?: Supervision | undefined'],
    ['mc.grade;', 'grade', '(property) MicroCredential.grade?: Grade | undefined'],
    ['mc.stackability;', 'stackability', '(property) MicroCredential.stackability?: Stackability | undefined'],
    ['mc.furtherInformation;', 'furtherInformation', '(property) MicroCredential.furtherInformation?: FurtherInformation | undefined'],
    ['mc.furtherInformation!.links;', 'links', '(property) FurtherInformation.links?: FurtherInformationLink[] | undefined'],
  ])('%s names its type', (line, name, expected) => {
    const text = hover(line, name);
    expect(text).not.toMatch(/"AD" \| "AE"|\{|\$\d/);
    expect(text).toBe(expected);
  });
});

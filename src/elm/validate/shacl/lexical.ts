// The lexical forms sh:datatype accepts, for the datatypes the EDC shapes name: the checks of
// rdf-validate-datatype 0.2 (src/validators.js), which rdf-validate-shacl applies, copied for these
// datatypes only (that package needs a namespace library of a few hundred kilobytes at load time).
// scripts/gen-shacl-plan.mjs refuses shapes naming a datatype that is neither here nor accepted in
// any form; test/shacl-engine.test.ts compares these checks with the package's on many strings.
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const sign = '(\\+|-)?';
const integer = new RegExp(`^${sign}\\d+$`);
const decimal = new RegExp(`^${sign}${sign}(\\d+\\.?\\d*|\\.\\d+)$`);
const yearMonth = '(\\d+Y(\\d+M)?|\\d+M)';
const time = 'T((\\d+H(\\d+M)?(\\d+(\\.\\d+)?S)?)|(\\d+M(\\d+(\\.\\d+)?S)?)|\\d+(\\.\\d+)?S)';
const dayTime = `(\\d+D(${time})?|${time})`;
const duration = new RegExp(`^-?P((${yearMonth}(${dayTime})?)|${dayTime})$`);
const dateTime = new RegExp('^-?(([1-9]\\d{3,})|(0\\d{3}))-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(((\\+|-)\\d{2}:\\d{2})|Z)?$');
const anyURI = /^[^\ufffe\uffff]*$/;

const CHECKS = new Map<string, (value: string) => boolean>([
  [`${XSD}string`, () => true],
  [`${XSD}anyURI`, (v) => anyURI.test(v)],
  [`${XSD}integer`, (v) => integer.test(v)],
  [`${XSD}positiveInteger`, (v) => integer.test(v) && BigInt(v) > 0n],
  [`${XSD}boolean`, (v) => v === '1' || v === 'true' || v === '0' || v === 'false'],
  [`${XSD}decimal`, (v) => decimal.test(v)],
  [`${XSD}duration`, (v) => duration.test(v)],
  [`${XSD}dateTime`, (v) => dateTime.test(v)],
]);

/** The datatypes checked here; any other is accepted in any form (rdf:langString, rdf:HTML). */
export const LEXICALLY_CHECKED: readonly string[] = [...CHECKS.keys()];

/** Whether `value` is a lexical form of `datatype`, as rdf-validate-datatype's validateTerm decides. */
export function isLexicalForm(value: string, datatype: string): boolean {
  const check = CHECKS.get(datatype);
  return check ? check(value) : true;
}

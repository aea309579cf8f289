/**
 * The learner of a stack's credentials: what the model's M1 fields say, and whether two credentials
 * name the same person (identifiers first, then the name with the date of birth).
 */

const isNode = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * The learner as a credential names them (the model's M1 fields `fromElm` could read).
 *
 * @example
 * const a: StackLearner = { fullName: 'Anna Virtanen', dateOfBirth: '1998-05-14' };
 * const b: StackLearner = { givenName: 'Anna', familyName: 'Virtanen' };
 * compareLearners(a, b); // { same: true, by: 'name' }
 */
export interface StackLearner {
  id?: string;
  fullName?: string;
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  nationalId?: { value?: string; country?: string };
  identifiers?: { scheme?: string; value?: string }[];
}

/**
 * What identified two credentials' learners as the same or as different.
 *
 * @example
 * const { same, by } = compareLearners({ id: 'did:key:z6MkA' }, { id: 'did:key:z6MkB' });
 * const evidence: LearnerEvidence = by; // 'id': different identifiers, whatever the names say
 */
export type LearnerEvidence = 'id' | 'nationalId' | 'identifier' | 'name' | 'dateOfBirth' | 'nothing-to-compare';

/** The learner fields of a model read by `fromElm`, which may be partial or malformed. */
export function learnerOf(value: unknown): StackLearner {
  if (!isNode(value)) return {};
  const out: StackLearner = {};
  for (const key of ['id', 'fullName', 'givenName', 'familyName', 'dateOfBirth'] as const) {
    const v = str(value[key]);
    if (v !== undefined) out[key] = v;
  }
  if (isNode(value.nationalId)) out.nationalId = { ...(str(value.nationalId.value) ? { value: str(value.nationalId.value)! } : {}), ...(str(value.nationalId.country) ? { country: str(value.nationalId.country)! } : {}) };
  if (Array.isArray(value.identifiers)) {
    out.identifiers = value.identifiers.filter(isNode).map((i) => ({ ...(str(i.scheme) ? { scheme: str(i.scheme)! } : {}), ...(str(i.value) ? { value: str(i.value)! } : {}) }));
  }
  return out;
}

/**
 * A name for comparison: compatibility form, no accents, case or punctuation differences.
 *
 * @example
 * normalizeName("Zoë O'Brien-Murphy"); // 'zoe o brien murphy'
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\p{P}\s]+/gu, ' ')
    .trim();
}

/** An identifier for comparison: case and separators (spaces, dashes, dots) do not count. */
const normalizeId = (value: string): string => value.normalize('NFKC').toUpperCase().replace(/[\s.\-/]+/g, '');

function nameOf(l: StackLearner): string | undefined {
  const full = l.fullName ?? (l.givenName !== undefined && l.familyName !== undefined ? `${l.givenName} ${l.familyName}` : undefined);
  return full === undefined ? undefined : normalizeName(full);
}

/**
 * Whether two learners are the same: identifiers first (any identifier both have that differs
 * decides "different"; one that agrees decides "same"), then names with the date of birth.
 * `undefined` when they share nothing to compare.
 *
 * @example
 * compareLearners({ id: 'did:key:z6Mk…a', fullName: 'Anna' }, { id: 'did:key:z6Mk…b', fullName: 'Anna' }); // { same: false, by: 'id' }
 * compareLearners({ fullName: 'Anna Virtanen' }, { givenName: 'ANNA', familyName: 'Virtanen' }); // { same: true, by: 'name' }
 */
export function compareLearners(a: StackLearner, b: StackLearner): { same: boolean | undefined; by: LearnerEvidence } {
  const agreed: LearnerEvidence[] = [];
  if (a.id !== undefined && b.id !== undefined) {
    if (a.id.trim() !== b.id.trim()) return { same: false, by: 'id' };
    agreed.push('id');
  }
  const na = a.nationalId;
  const nb = b.nationalId;
  if (na?.value !== undefined && nb?.value !== undefined) {
    const sameCountry = na.country === undefined || nb.country === undefined || na.country === nb.country;
    if (!sameCountry || normalizeId(na.value) !== normalizeId(nb.value)) return { same: false, by: 'nationalId' };
    agreed.push('nationalId');
  }
  const schemes = new Map<string, Set<string>>();
  for (const i of a.identifiers ?? []) {
    if (i.scheme === undefined || i.value === undefined) continue;
    const key = i.scheme.trim().toLowerCase();
    schemes.set(key, (schemes.get(key) ?? new Set()).add(normalizeId(i.value)));
  }
  const shared = new Map<string, Set<string>>();
  for (const i of b.identifiers ?? []) {
    if (i.scheme === undefined || i.value === undefined) continue;
    const key = i.scheme.trim().toLowerCase();
    if (schemes.has(key)) shared.set(key, (shared.get(key) ?? new Set()).add(normalizeId(i.value)));
  }
  for (const [scheme, values] of shared) {
    if (![...values].some((v) => schemes.get(scheme)!.has(v))) return { same: false, by: 'identifier' };
    agreed.push('identifier');
  }
  if (agreed.length > 0) return { same: true, by: agreed[0]! };
  const nameA = nameOf(a);
  const nameB = nameOf(b);
  if (nameA === undefined || nameB === undefined) return { same: undefined, by: 'nothing-to-compare' };
  if (nameA !== nameB) return { same: false, by: 'name' };
  if (a.dateOfBirth !== undefined && b.dateOfBirth !== undefined && a.dateOfBirth !== b.dateOfBirth) return { same: false, by: 'dateOfBirth' };
  return { same: true, by: 'name' };
}

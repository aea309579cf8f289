import type { JsonLdQuad } from 'jsonld';

const SEC = 'https://w3id.org/security#';
const SEC_PROOF = `${SEC}proof`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const ELM_PROOF = 'http://data.europa.eu/snb/model/elm/Proof';

/** A W3C proof set aside: the credential it is on, its named graph and its type. */
export interface W3cProof {
  subject: string;
  graph: string;
  type: string;
}

/**
 * The EDC 3.2 shapes give `sec:proof` the class elm:Proof, the description of EDC's own proof. A W3C
 * Data Integrity proof (Ed25519Signature2020, DataIntegrityProof: a type in the security vocabulary,
 * in the named graph `proof` opens) is another thing, checked by `verifyCredential`: it and its link
 * are set aside before the shapes run, so the credential's content is judged without a false
 * violation. A proof typed elm:Proof (alone or besides) stays and is checked as the shapes say.
 */
export function setAsideW3cProofs(quads: readonly JsonLdQuad[]): { quads: readonly JsonLdQuad[]; proofs: W3cProof[] } {
  const links = quads.filter((q) => q.predicate.value === SEC_PROOF && q.object.termType === 'BlankNode');
  if (links.length === 0) return { quads, proofs: [] };
  const types = new Map<string, string[]>();
  for (const q of quads) {
    if (q.graph.termType === 'BlankNode' && q.predicate.value === RDF_TYPE) types.set(q.graph.value, [...(types.get(q.graph.value) ?? []), q.object.value]);
  }
  const proofs: W3cProof[] = [];
  for (const link of links) {
    const inGraph = types.get(link.object.value) ?? [];
    const w3c = inGraph.find((t) => t.startsWith(SEC));
    if (w3c && !inGraph.includes(ELM_PROOF)) proofs.push({ subject: link.subject.value, graph: link.object.value, type: w3c.slice(SEC.length) });
  }
  if (proofs.length === 0) return { quads, proofs };
  const graphs = new Set(proofs.map((p) => p.graph));
  return {
    quads: quads.filter((q) => !(q.graph.termType === 'BlankNode' && graphs.has(q.graph.value)) && !(q.predicate.value === SEC_PROOF && graphs.has(q.object.value))),
    proofs,
  };
}

export { SEC_PROOF };

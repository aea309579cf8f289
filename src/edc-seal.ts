/**
 * eu-micro-credentials/edc-seal: verification of EDC seals, the JAdES e-seals the European Digital
 * Credentials service puts on the credentials it issues (JWS, X.509 certificate paths to the
 * caller's trust anchors, time-stamps, OCSP and CRL data carried in the seal). WebCrypto only: it
 * runs in browsers too, and loads neither jsonld nor the W3C signing stack.
 * @module eu-micro-credentials/edc-seal
 */
export { verifyEdcSeal, EDC_SEAL_CODES } from './seal/edc-seal.js';
export type { VerifyEdcSealOptions, EdcSealVerification, EdcSealSignature, EdcSealCertificate, EdcSealIssue, EdcSealCode, EdcSealSeverity, NameAttribute } from './seal/edc-seal.js';

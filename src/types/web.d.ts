// The few Web APIs the core uses that every target runtime has (Node ≥ 20, browsers, Deno, Bun),
// declared here because the core compiles without DOM or Node types on purpose.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare function atob(data: string): string;
declare namespace globalThis {
  // eslint-disable-next-line no-var
  var crypto: { randomUUID(): string; getRandomValues<T extends Uint8Array>(array: T): T };
}

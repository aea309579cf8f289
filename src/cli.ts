/**
 * The `eumc` executable. Run `eumc --help`.
 * @packageDocumentation
 */
import { main } from './cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});

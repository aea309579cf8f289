/**
 * The three ways in: drop a file (on the drop zone or anywhere on the page), pick one (the drop
 * zone is a button that opens the file picker, beside the labelled file input), or paste text.
 */
import type { InspectInput } from '../inspect/types.js';
import { byId } from './dom.js';

/** The name inspect() gets for pasted text. */
export const PASTED = 'pasted text';

async function fromFile(file: File): Promise<InspectInput> {
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export interface InputHandlers {
  /** A file or text is coming: called at once, in the event that brought it. */
  begin(name: string): void;
  /** Its bytes, read. */
  check(input: InspectInput): void;
  /** It could not be read. */
  fail(name: string, error: unknown): void;
}

export function wireInput({ begin, check, fail }: InputHandlers): void {
  const fileInput = byId<HTMLInputElement>('file-input');
  const dropZone = byId<HTMLButtonElement>('drop-zone');
  const paste = byId<HTMLTextAreaElement>('paste-input');
  const pasteCheck = byId<HTMLButtonElement>('paste-check');

  const take = (file: File | undefined): void => {
    if (file === undefined) return;
    // The pasted text is not what is checked now: it must not stay beside the file's result.
    paste.value = '';
    begin(file.name);
    fromFile(file).then(check, (error: unknown) => fail(file.name, error));
  };

  // Emptied before the picker opens, so that picking the same file again checks it again.
  fileInput.addEventListener('click', () => {
    fileInput.value = '';
  });
  dropZone.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => take(fileInput.files?.[0]));

  // A file dropped anywhere is checked: the browser must never open it instead (that would leave the page).
  let depth = 0;
  const hasFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  window.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    document.body.classList.add('dragging');
  });
  window.addEventListener('dragleave', (event) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) document.body.classList.remove('dragging');
  });
  window.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = hasFiles(event) ? 'copy' : 'none';
  });
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    take(event.dataTransfer?.files?.[0]);
  });

  const checkPasted = (): void => {
    const text = paste.value;
    if (text.trim() === '') {
      paste.focus();
      return;
    }
    // Nor is a file chosen before: the file input names no file once text is checked.
    fileInput.value = '';
    begin(PASTED);
    check({ name: PASTED, bytes: new TextEncoder().encode(text) });
  };
  pasteCheck.addEventListener('click', checkPasted);
  paste.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      checkPasted();
    }
  });
}

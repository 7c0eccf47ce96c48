// Local text of a field while the user types: the store holds the parsed (e.g. trimmed) value, so the
// input keeps what was typed and follows the store only when the value changes from elsewhere (undo,
// another block selected), i.e. when it no longer matches what was typed.
import { useState } from "react";

export function useDraft(value: string): [string, (v: string) => void] {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== draft && value !== draft.trim()) setDraft(value);
  }
  return [draft, setDraft];
}

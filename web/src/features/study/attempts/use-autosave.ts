import { useCallback, useEffect, useRef, useState } from "react";
import { type Answers, saveAnswers } from "../study.api";
import { unsaved } from "./exam-clock";

export type SaveState = "saved" | "saving" | "failed";

const DEBOUNCE_MS = 600;
const RETRY_MS = 3000;

/**
 * Answers live on the server: each change is sent a moment later, and a failed send stays
 * pending and is retried, so a reload or a dropped connection loses at most the last change.
 */
export function useAutosave(attemptId: number, initial: Answers, enabled: boolean) {
  const [answers, setAnswers] = useState<Answers>(initial);
  const [state, setState] = useState<SaveState>("saved");
  const dirty = useRef(new Set<string>());
  const latest = useRef(answers);
  latest.current = answers;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async () => {
    if (dirty.current.size === 0 || !enabled) return;
    const batch = unsaved(latest.current, dirty.current);
    dirty.current = new Set();
    setState("saving");
    try {
      await saveAnswers(attemptId, batch);
      setState(dirty.current.size === 0 ? "saved" : "saving");
    } catch {
      for (const id of Object.keys(batch)) dirty.current.add(id);
      setState("failed");
      timer.current = setTimeout(() => void flush(), RETRY_MS);
    }
  }, [attemptId, enabled]);

  const change = useCallback(
    (questionId: number, value: string[]) => {
      setAnswers((prev) => ({ ...prev, [String(questionId)]: value }));
      dirty.current.add(String(questionId));
      setState("saving");
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { answers, change, state, flush };
}

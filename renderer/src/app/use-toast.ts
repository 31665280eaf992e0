import { useCallback, useState } from 'react';

const TOAST_MS = 2200;

/** A short message at the bottom of the window; a newer one replaces it. */
export function useToast(): { toast: string | null; showToast: (message: string) => void } {
  const [toast, setToast] = useState<string | null>(null);
  const showToast = useCallback((message: string) => {
    setToast(message);
    setTimeout(() => setToast((current) => (current === message ? null : current)), TOAST_MS);
  }, []);
  return { toast, showToast };
}

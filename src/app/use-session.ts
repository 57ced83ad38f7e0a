import { useCallback, useEffect, useState } from 'react';
import { getFirstScreenSession, onSessionProgress, type Session } from './session';

export type SessionState =
  | { status: 'loading'; step: string }
  | { status: 'error'; message: string }
  | { status: 'ready'; session: Session };

/** The shared session as React state, with the start-up step for the loading screen. */
export function useSession(): { state: SessionState; retry: () => void } {
  const [state, setState] = useState<SessionState>({ status: 'loading', step: 'Starting…' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const unsubscribe = onSessionProgress((step) => live && setState((s) => (s.status === 'loading' ? { status: 'loading', step } : s)));
    getFirstScreenSession().then(
      (session) => live && setState({ status: 'ready', session }),
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading', step: 'Starting…' });
    setAttempt((a) => a + 1);
  }, []);

  return { state, retry };
}

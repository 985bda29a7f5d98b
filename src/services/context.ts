/**
 * The context `<pex-call>` provides: its CallService. The service object never changes for the life
 * of a `<pex-call>`, so consumers are told once; state changes flow through the service's stores.
 */
import { createContext } from '@lit/context';
import type { CallService } from './call-service.js';

export const callServiceContext = createContext<CallService | undefined>(Symbol.for('pex-call-service'));

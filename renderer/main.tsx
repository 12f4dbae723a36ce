import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { digestLargeWith } from '../shared/util/sha256';
import { App } from './App';
import { digestInWorker, lendToWorker } from './workers/digest-client';
import './styles/app.css';
import './styles/record.css';

// zod would probe for eval on first use; the CSP forbids eval, so tell it not to try.
z.config({ jitless: true });
// Hashes of batches, calibrations and reports (MBs) off the interface thread (shared/util/sha256.ts).
digestLargeWith(digestInWorker, undefined, lendToWorker);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

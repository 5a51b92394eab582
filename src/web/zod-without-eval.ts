import { z } from 'zod';

// The UI runs under a Content-Security-Policy without 'unsafe-eval': zod must neither compile
// its parsers with `new Function` nor probe whether it may (the browser reports the probe as a
// violation). Imported first by main.tsx, before any schema parses.
z.config({ jitless: true });

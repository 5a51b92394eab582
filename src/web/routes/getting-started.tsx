import { GettingStartedChecklist } from '../components/getting-started.js';

/** The getting-started checklist on its own page, also after it was hidden from the list. */
export function GettingStartedPage() {
  return (
    <>
      <div className="page-head">
        <h1>Getting started</h1>
      </div>
      <GettingStartedChecklist />
    </>
  );
}

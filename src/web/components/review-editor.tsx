import { useEffect, useRef, useState } from 'react';
import { expandFollowUps } from '../../core/reviews/follow-ups-block.js';
import { REVIEW_SECTIONS, type ReviewSectionId, replaceSection } from '../../core/reviews/review-sections.js';
import { REVIEW_TEXT_LIMIT, type Review } from '../../core/schemas/reviews.js';
import { ReviewConflict, draftSection, saveReviewText, useStoreReview } from '../api/reviews.js';
import { ErrorBanner } from './form.js';
import { MarkdownView } from './markdown-view.js';
import { useUnsavedChanges } from './unsaved-changes.js';

/** How long typing must pause before the text is saved. */
const AUTOSAVE_MS = 1_200;

type SaveState =
  { kind: 'saved' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'failed'; error: unknown };

/** The review text as the preview shows it: follow-ups as they are now. */
export function livePreview(text: string, review: Review): string {
  const followUps = review.followUps.map((f) => ({
    ...f,
    dueAt: f.dueAt === null ? null : Date.parse(f.dueAt),
  }));
  return expandFollowUps(text, followUps, review.timeZone);
}

/**
 * The review's Markdown editor: text and preview side by side (tabs on a phone), saved a moment
 * after typing stops. A save from an older version is refused by the server; the banner then
 * offers to keep this text (saved over the newer one, knowingly) or take the other text.
 */
export function ReviewEditor({ review, incidentRef }: { review: Review; incidentRef: string }) {
  const [text, setText] = useState(review.body);
  const [version, setVersion] = useState(review.version);
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const [conflict, setConflict] = useState<Review | null>(null);
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [section, setSection] = useState<ReviewSectionId>('timeline');
  const store = useStoreReview(incidentRef);
  const latest = useRef({ text, version });
  latest.current = { text, version };
  useUnsavedChanges(state.kind !== 'saved');

  // The server's text replaces the editor's only while nothing typed is waiting to be saved.
  useEffect(() => {
    if (state.kind === 'saved' && (review.version !== version || (version === 0 && review.body !== text))) {
      setText(review.body);
      setVersion(review.version);
    }
  }, [review.version, review.body]);

  useEffect(() => {
    if (state.kind !== 'dirty' || conflict) return;
    const timer = setTimeout(() => void save(latest.current.text, latest.current.version), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [text, state.kind, conflict]);

  async function save(body: string, from: number) {
    setState({ kind: 'saving' });
    try {
      const saved = await saveReviewText(incidentRef, body, from);
      setVersion(saved.version);
      store(saved);
      setState(latest.current.text === body ? { kind: 'saved' } : { kind: 'dirty' });
    } catch (error) {
      if (error instanceof ReviewConflict) {
        setConflict(error.current);
        setState({ kind: 'dirty' });
      } else setState({ kind: 'failed', error });
    }
  }

  const edit = (next: string) => {
    setText(next);
    setState({ kind: 'dirty' });
  };
  const keepMine = () => {
    if (!conflict) return;
    setConflict(null);
    void save(text, conflict.version);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    setText(conflict.body);
    setVersion(conflict.version);
    store(conflict);
    setConflict(null);
    setState({ kind: 'saved' });
  };
  const regenerate = async () => {
    try {
      edit(replaceSection(text, section, await draftSection(incidentRef, section)));
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };
  const isLocked = review.state === 'published';
  const isOver = text.length > REVIEW_TEXT_LIMIT;

  return (
    <section className="card review-editor">
      {conflict ? (
        <div className="alert alert-warning review-conflict" role="alert">
          <p>
            <strong>{conflict.updatedBy?.name ?? 'Someone'}</strong> saved this review (version{' '}
            {conflict.version}) while you were editing. Your text is not saved.
          </p>
          <div className="button-row">
            <button type="button" className="button primary small" onClick={keepMine}>
              Keep mine
            </button>
            <button type="button" className="button small" onClick={takeTheirs}>
              Take theirs
            </button>
          </div>
          <details>
            <summary>Their text</summary>
            <pre className="review-theirs">{conflict.body}</pre>
          </details>
        </div>
      ) : null}
      {state.kind === 'failed' ? <ErrorBanner error={state.error} /> : null}
      <div className="review-toolbar">
        <div className="review-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'write'} onClick={() => setTab('write')}>
            Write
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'preview'}
            onClick={() => setTab('preview')}
          >
            Preview
          </button>
        </div>
        {isLocked ? null : (
          <div className="review-regenerate">
            <select
              aria-label="Section to draft again"
              value={section}
              onChange={(e) => setSection(e.target.value as ReviewSectionId)}
            >
              {REVIEW_SECTIONS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.heading}
                </option>
              ))}
            </select>
            <button type="button" className="button small" onClick={() => void regenerate()}>
              Draft section again
            </button>
          </div>
        )}
        <span className="review-save-state" aria-live="polite">
          {saveText(state, version, isOver)}
        </span>
      </div>
      <div className={`review-panes show-${tab}`}>
        <textarea
          className="review-text"
          aria-label="Review text (Markdown)"
          value={text}
          readOnly={isLocked}
          spellCheck
          onChange={(e) => edit(e.target.value)}
        />
        <MarkdownView source={livePreview(text, review)} className="review-preview" />
      </div>
      <p className="hint">
        Markdown. The line <code>{'{{follow-ups}}'}</code> shows the follow-up actions as they are now.
        {isLocked ? ' Published: move the review back to draft to change it.' : ''}
      </p>
    </section>
  );
}

function saveText(state: SaveState, version: number, isOver: boolean): string {
  if (isOver) return `Too long: at most ${String(REVIEW_TEXT_LIMIT)} characters`;
  switch (state.kind) {
    case 'saved':
      return version === 0
        ? 'Draft from the incident (not edited yet)'
        : `Saved · version ${String(version)}`;
    case 'dirty':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'failed':
      return 'Not saved';
  }
}

import {
  useComponentGroups,
  useStatusComponents,
  useStatusPageSettings,
  useUpdateTemplates,
} from '../api/status-page.js';
import { ErrorBanner, Loading } from '../components/form.js';
import { StatusPageBranding } from '../components/status-page-branding.js';
import { StatusComponents } from '../components/status-page-components.js';
import { StatusPageTabs } from '../components/status-page-tabs.js';
import { ComponentGroups } from '../components/status-page-groups.js';
import { UpdateTemplates } from '../components/status-page-templates.js';
import '../styles/status-page.css';

/** Admin: the public status page's branding, component groups, components and update templates. */
export function AdminStatusPage() {
  const settings = useStatusPageSettings();
  const groups = useComponentGroups();
  const components = useStatusComponents();
  const templates = useUpdateTemplates();
  return (
    <div className="narrow status-page-admin">
      <div className="page-head">
        <h1>Status page</h1>
        <a className="button" href="/status" target="_blank" rel="noopener">
          Open the public page
        </a>
      </div>
      <StatusPageTabs />
      <p className="muted">
        What customers see at <code>{settings.data?.url ?? '/status'}</code>. Incidents appear there only once
        a responder publishes an update from the incident’s Status page card.
      </p>
      <ErrorBanner error={settings.error ?? groups.error ?? components.error ?? templates.error} />
      {settings.isPending ? <Loading what="Loading the status page" /> : null}
      {settings.data ? <StatusPageBranding settings={settings.data} /> : null}
      {groups.data ? <ComponentGroups groups={groups.data} /> : null}
      {components.data && groups.data ? (
        <StatusComponents components={components.data} groups={groups.data} />
      ) : null}
      {templates.data ? <UpdateTemplates templates={templates.data} /> : null}
    </div>
  );
}

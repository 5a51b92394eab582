import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/layout.js';
import { RequireAdmin, RequireAuth } from './components/require-auth.js';
import { AccountPage } from './routes/account.js';
import { AuditPage } from './routes/admin-audit.js';
import { AdminImportPage } from './routes/admin-import.js';
import { AdminNotificationsPage } from './routes/admin-notifications.js';
import { AdminStatusPage } from './routes/admin-status-page.js';
import { AdminStatusSubscribers } from './routes/admin-status-subscribers.js';
import { AdminWebhookPage } from './routes/admin-webhook-page.js';
import { AdminWebhooksPage } from './routes/admin-webhooks.js';
import { AlertPage } from './routes/alert-page.js';
import { AlertsPage } from './routes/alerts.js';
import { CheckPage } from './routes/check-page.js';
import { ChecksPage } from './routes/checks.js';
import { SettingsPage } from './routes/admin-settings.js';
import { TokensPage } from './routes/admin-tokens.js';
import { UsersPage } from './routes/admin-users.js';
import { DeclareIncidentPage } from './routes/declare-incident.js';
import { EscalationPoliciesPage } from './routes/escalation-policies.js';
import { EscalationPolicyPage } from './routes/escalation-policy-page.js';
import { GettingStartedPage } from './routes/getting-started.js';
import { IncidentListPage } from './routes/incident-list.js';
import { IncidentPage } from './routes/incident-page.js';
import { ForgotPasswordPage } from './routes/forgot-password.js';
import { LoginPage } from './routes/login.js';
import { SetPasswordPage } from './routes/set-password.js';
import { MyNotificationsPage } from './routes/my-notifications.js';
import { MyShiftsPage } from './routes/my-shifts.js';
import { NotFoundPage } from './routes/not-found.js';
import { OnCallNowPage } from './routes/oncall-now.js';
import { ReportsPage } from './routes/reports.js';
import { ResponsePlansPage } from './routes/response-plans.js';
import { TriageRulesPage } from './routes/triage-rules.js';
import { SchedulePage } from './routes/schedule-page.js';
import { SchedulesPage } from './routes/schedules.js';
import { ServicePage } from './routes/service-page.js';
import { ServicesPage } from './routes/services.js';
import { TeamsPage } from './routes/teams.js';
import { TriageQueuePage } from './routes/triage-queue.js';
import { ReviewPage } from './routes/review-page.js';
import { ReviewsPage } from './routes/reviews.js';
import { MetricsPage } from './routes/metrics.js';
import { FollowUpsPage } from './routes/follow-ups.js';

/** Client-side routes of the UI. */
export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/set-password" element={<SetPasswordPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<IncidentListPage />} />
        <Route path="incidents/new" element={<DeclareIncidentPage />} />
        <Route path="incidents/:ref" element={<IncidentPage />} />
        <Route path="incidents/:ref/review" element={<ReviewPage />} />
        <Route path="reviews" element={<ReviewsPage />} />
        <Route path="follow-ups" element={<FollowUpsPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="reports/triage" element={<TriageQueuePage />} />
        <Route path="alerts" element={<AlertsPage />} />
        <Route path="alerts/:id" element={<AlertPage />} />
        <Route path="checks" element={<ChecksPage />} />
        <Route path="checks/:id" element={<CheckPage />} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="services/:id" element={<ServicePage />} />
        <Route path="teams" element={<TeamsPage />} />
        <Route path="reliability" element={<MetricsPage />} />
        <Route path="response-plans" element={<ResponsePlansPage />} />
        <Route path="triage-rules" element={<TriageRulesPage />} />
        <Route path="oncall" element={<Navigate to="/oncall/schedules" replace />} />
        <Route path="oncall/schedules" element={<SchedulesPage />} />
        <Route path="oncall/schedules/:id" element={<SchedulePage />} />
        <Route path="oncall/now" element={<OnCallNowPage />} />
        <Route path="oncall/my-shifts" element={<MyShiftsPage />} />
        <Route path="escalation-policies" element={<EscalationPoliciesPage />} />
        <Route path="escalation-policies/:id" element={<EscalationPolicyPage />} />
        <Route path="admin/tokens" element={<TokensPage />} />
        <Route
          path="admin/users"
          element={
            <RequireAdmin>
              <UsersPage />
            </RequireAdmin>
          }
        />
        <Route
          path="admin/audit"
          element={
            <RequireAdmin>
              <AuditPage />
            </RequireAdmin>
          }
        />
        <Route
          path="admin/notifications"
          element={
            <RequireAdmin>
              <AdminNotificationsPage />
            </RequireAdmin>
          }
        />
        <Route
          path="admin/webhooks"
          element={
            <RequireAdmin>
              <AdminWebhooksPage />
            </RequireAdmin>
          }
        />
        <Route
          path="admin/webhooks/:id"
          element={
            <RequireAdmin>
              <AdminWebhookPage />
            </RequireAdmin>
          }
        />
        <Route
          path="admin/status-page"
          element={
            <RequireAdmin>
              <AdminStatusPage />
            </RequireAdmin>
          }
        />
        <Route
          path="admin/status-page/subscribers"
          element={
            <RequireAdmin>
              <AdminStatusSubscribers />
            </RequireAdmin>
          }
        />
        <Route
          path="admin/import"
          element={
            <RequireAdmin>
              <AdminImportPage />
            </RequireAdmin>
          }
        />
        <Route path="admin/settings" element={<SettingsPage />} />
        <Route path="getting-started" element={<GettingStartedPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="account/notifications" element={<MyNotificationsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

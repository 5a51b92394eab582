import { useQuery } from '@tanstack/react-query';
import type { InboundMail } from '../../core/schemas/getting-started.js';
import { get } from './client.js';

/** The port of Beacon's SMTP listener for alert mail (null when it is off). */
export function useInboundMail() {
  return useQuery({
    queryKey: ['inbound-mail'],
    queryFn: () => get<InboundMail>('/api/v1/inbound-mail'),
    staleTime: Infinity,
  });
}

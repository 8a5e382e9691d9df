import { executeServerCommand } from '@web/test-runner-commands';

/**
 * The test page's requests whose URL matches one of `patterns` (`*` any characters) fail as if
 * the network were gone, until `blockRequests([])` (scripts/wtr-network-plugin.mjs).
 */
export async function blockRequests(patterns: readonly string[]): Promise<void> {
  await executeServerCommand('network:block', { patterns: [...patterns] });
}

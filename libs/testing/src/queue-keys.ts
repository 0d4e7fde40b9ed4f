import { envKeyRing } from '@ade/config';
import { QueueKeyring } from '@ade/queue';
import { testQueueSigningKeys } from './environment';

/** The keyring of testQueueSigningKeys: seals jobs as the suite's control plane does, opens its workers' events. */
export function testQueueKeyring(): QueueKeyring {
  return QueueKeyring.fromSigningKeys(envKeyRing.parse(testQueueSigningKeys));
}

import { S3LandingStore } from '../../apps/data-plane-worker/src/ingestion/landing/s3-landing-store';
import { SftpLandingStore } from '../../apps/data-plane-worker/src/ingestion/landing/sftp-landing-store';
import { locationFromEnv } from './s3-env';
import { sftpConnectorFromEnv } from './sftp-env';

/** The same modules loaded and a store made, nothing read: the size a worker's intake starts from. */
if (process.argv[2] === 'sftp') new SftpLandingStore(sftpConnectorFromEnv());
else new S3LandingStore(locationFromEnv());
process.stdout.write('{}');

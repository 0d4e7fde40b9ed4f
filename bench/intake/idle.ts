import { S3LandingStore } from '../../apps/data-plane-worker/src/ingestion/landing/s3-landing-store';
import { locationFromEnv } from './s3-env';

/** The same modules loaded and a store made, nothing read: the size a worker's intake starts from. */
new S3LandingStore(locationFromEnv());
process.stdout.write('{}');

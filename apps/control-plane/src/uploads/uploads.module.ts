import { Module } from '@nestjs/common';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { UploadsController } from './uploads.controller';
import { UploadUrlSigner } from './upload-url-signer';

@Module({
  imports: [PipelinesModule],
  controllers: [UploadsController],
  providers: [UploadUrlSigner],
})
export class UploadsModule {}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig } from '../config/control-plane.config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseScope } from './database-scope';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConfig],
      useFactory: (config: DatabaseConfig) => dataSourceOptions(config),
    }),
  ],
  providers: [DatabaseScope],
  exports: [DatabaseScope],
})
export class DatabaseModule {}

import { App } from 'aws-cdk-lib';
import { buildApp } from './app-builder';

buildApp(new App());

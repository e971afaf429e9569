import * as z from 'zod/mini';
import { schema } from './common.schema';

export const HealthAnswer = schema(() => z.strictObject({ status: z.literal('ok') }));

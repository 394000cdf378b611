/** Allocations of points to employees (../shared/API.md, Allocations). */
import * as z from 'zod';
import { Id, Text, Timestamp } from '../common/schemas.js';

export const MAX_POINTS_PER_RECIPIENT = 10_000_000;
export const MAX_LISTED_RECIPIENTS = 1000;

export const Recipients = z.union([
  z.strictObject({ employeeIds: z.array(Id).min(1).max(MAX_LISTED_RECIPIENTS) }),
  z.strictObject({ department: Text(100) }),
  z.strictObject({ all: z.literal(true) }),
]).meta({ description: 'Listed employees, one department, or all active employees' });

export const CreateAllocationBody = z.strictObject({
  points: z.number().int().min(1).max(MAX_POINTS_PER_RECIPIENT).meta({ description: 'Points for each recipient' }),
  reason: Text(200),
  message: Text(2000).optional(),
  expiresAt: z.iso.datetime({ offset: false }).optional().meta({ description: 'When the granted points expire (UTC, in the future)' }),
  recipients: Recipients,
});
export type CreateAllocationBody = z.infer<typeof CreateAllocationBody>;

export const SkippedRecipient = z.object({ employeeId: z.string(), reason: z.enum(['unknown', 'inactive']) });
export type SkippedRecipient = z.infer<typeof SkippedRecipient>;

export const ALLOCATION_STATUSES = ['processing', 'completed'] as const;

export const Allocation = z
  .object({
    allocationId: z.string(),
    status: z.enum(ALLOCATION_STATUSES),
    points: z.number().int().meta({ description: 'Points per recipient' }),
    reason: z.string(),
    message: z.string().nullable(),
    expiresAt: Timestamp.nullable(),
    recipientCount: z.number().int().meta({ description: 'Recipients to credit' }),
    credited: z.number().int().meta({ description: 'Recipients credited so far' }),
    totalPoints: z.number().int().meta({ description: 'Points reserved: points × recipientCount' }),
    returnedPoints: z.number().int().meta({ description: 'Reserved points returned to the budget (recipients deactivated meanwhile)' }),
    skippedCount: z.number().int(),
    skipped: z.array(SkippedRecipient).meta({ description: 'Employees not credited (the first 100)' }),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Allocation' });
export type Allocation = z.infer<typeof Allocation>;

export const AllocationPath = z.object({ allocationId: Id });

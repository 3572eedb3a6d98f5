/**
 * Goals (tavoitteet) and their steps (välitavoitteet / askeleet). `goals` is a root Y.Array of
 * Y.Map: {id, theme, title, status, createdAt, createdBy, steps, history}.
 *  - steps: Y.Array of Y.Map {id, text, owner, dueDate, status, createdAt, createdBy}
 *  - history: Y.Array of plain objects {from, to, at, by}, append-only. Entries never change, so
 *    they need no Y.Map and no id; two concurrent status changes both stay in the history.
 * Nested arrays are made together with their goal, in the same transaction.
 */
import * as Y from 'yjs';
import { dayOfInstant, type IsoDate } from '../dates.ts';
import {
  findById,
  mapsOf,
  readDate,
  readEnum,
  readShared,
  readString,
  readText,
  writeField,
  type YRecord
} from '../y-fields.ts';
import { edit, nextId, type EditContext } from './context.ts';
import { LONG_TEXT_MAX, notFound, optionalDate, requireEnum, requireText, SHORT_TEXT_MAX } from './errors.ts';
import { goalsArray } from './shape.ts';
import {
  GOAL_STATUSES,
  GOAL_THEMES,
  STEP_OWNERS,
  STEP_STATUSES,
  type GoalStatus,
  type GoalTheme,
  type StepOwner,
  type StepStatus
} from './vocabulary.ts';

export interface GoalStatusChange {
  /** Null for the entry made when the goal was created. */
  from: GoalStatus | null;
  to: GoalStatus;
  /** ISO instant. */
  at: string;
  by: string;
}

export interface Step {
  id: string;
  text: string;
  owner: StepOwner;
  dueDate: IsoDate | null;
  status: StepStatus;
  createdAt: string | null;
  createdBy: string | null;
}

export interface Goal {
  id: string;
  theme: GoalTheme;
  title: string;
  status: GoalStatus;
  createdAt: string | null;
  createdBy: string | null;
  steps: Step[];
  /** Oldest first. */
  history: GoalStatusChange[];
  /** The day (Helsinki) of the latest change to `reached`, while the goal is reached. */
  reachedOn: IsoDate | null;
}

export interface NewGoal {
  theme: GoalTheme;
  title: string;
}

export interface NewStep {
  text: string;
  owner: StepOwner;
  dueDate?: IsoDate | null;
}

export interface StepPatch {
  text?: string;
  owner?: StepOwner;
  dueDate?: IsoDate | null;
  status?: StepStatus;
}

function goalMap(doc: Y.Doc, goalId: string): YRecord {
  const found = findById(goalsArray(doc), goalId);
  if (!found) throw notFound('goal', goalId);
  return found.map;
}

function stepsOf(goal: YRecord): Y.Array<unknown> {
  const steps = readShared(goal, 'steps', Y.Array);
  if (!steps) throw notFound('steps of goal', String(goal.get('id')));
  return steps as Y.Array<unknown>;
}

/** Adds a goal with status `open` and a first history entry; returns its id. */
export function addGoal(doc: Y.Doc, ctx: EditContext, goal: NewGoal): string {
  const theme = requireEnum(goal.theme, GOAL_THEMES, 'theme');
  const title = requireText(goal.title, 'title', SHORT_TEXT_MAX, { allowEmpty: false });
  const id = nextId(ctx);
  edit(doc, ctx, 'goals', () => {
    const m = new Y.Map<unknown>();
    goalsArray(doc).push([m]);
    m.set('id', id);
    m.set('theme', theme);
    m.set('title', title);
    m.set('status', 'open');
    m.set('createdAt', ctx.now.toISOString());
    m.set('createdBy', ctx.actor);
    m.set('steps', new Y.Array<unknown>());
    const history = new Y.Array<GoalStatusChange>();
    m.set('history', history);
    history.push([{ from: null, to: 'open', at: ctx.now.toISOString(), by: ctx.actor }]);
  });
  return id;
}

export function updateGoal(doc: Y.Doc, ctx: EditContext, goalId: string, patch: Partial<NewGoal>): void {
  const theme = patch.theme === undefined ? undefined : requireEnum(patch.theme, GOAL_THEMES, 'theme');
  const title =
    patch.title === undefined
      ? undefined
      : requireText(patch.title, 'title', SHORT_TEXT_MAX, { allowEmpty: false });
  const m = goalMap(doc, goalId);
  edit(doc, ctx, 'goals', () => {
    writeField(m, 'theme', theme);
    writeField(m, 'title', title);
  });
}

/**
 * Changes a goal's status and appends {from, to, at, by} to its history in the same transaction.
 * Any status may follow any other (goals are paused, resumed and reopened in real work); setting
 * the current status again writes nothing.
 */
export function setGoalStatus(doc: Y.Doc, ctx: EditContext, goalId: string, status: GoalStatus): void {
  const to = requireEnum(status, GOAL_STATUSES, 'status');
  const m = goalMap(doc, goalId);
  const from = readEnum(m, 'status', GOAL_STATUSES);
  if (from === to) return;
  edit(doc, ctx, 'goals', () => {
    m.set('status', to);
    let history = readShared(m, 'history', Y.Array) as Y.Array<GoalStatusChange> | null;
    if (!history) {
      history = new Y.Array<GoalStatusChange>();
      m.set('history', history);
    }
    history.push([{ from, to, at: ctx.now.toISOString(), by: ctx.actor }]);
  });
}

export function removeGoal(doc: Y.Doc, ctx: EditContext, goalId: string): void {
  const arr = goalsArray(doc);
  const found = findById(arr, goalId);
  if (!found) throw notFound('goal', goalId);
  edit(doc, ctx, 'goals', () => arr.delete(found.index, 1));
}

/** Adds a step (status `todo`) to a goal; returns its id. */
export function addStep(doc: Y.Doc, ctx: EditContext, goalId: string, step: NewStep): string {
  const text = requireText(step.text, 'text', LONG_TEXT_MAX, { allowEmpty: false });
  const owner = requireEnum(step.owner, STEP_OWNERS, 'owner');
  const dueDate = step.dueDate === undefined ? null : optionalDate(step.dueDate, 'dueDate');
  const steps = stepsOf(goalMap(doc, goalId));
  const id = nextId(ctx);
  edit(doc, ctx, 'goals', () => {
    const m = new Y.Map<unknown>();
    steps.push([m]);
    m.set('id', id);
    m.set('text', text);
    m.set('owner', owner);
    if (dueDate) m.set('dueDate', dueDate);
    m.set('status', 'todo');
    m.set('createdAt', ctx.now.toISOString());
    m.set('createdBy', ctx.actor);
  });
  return id;
}

/** Sets the given fields of a step; each field is its own Y.Map key, so concurrent edits of different fields both survive. */
export function updateStep(
  doc: Y.Doc,
  ctx: EditContext,
  goalId: string,
  stepId: string,
  patch: StepPatch
): void {
  const text =
    patch.text === undefined
      ? undefined
      : requireText(patch.text, 'text', LONG_TEXT_MAX, { allowEmpty: false });
  const owner = patch.owner === undefined ? undefined : requireEnum(patch.owner, STEP_OWNERS, 'owner');
  const status = patch.status === undefined ? undefined : requireEnum(patch.status, STEP_STATUSES, 'status');
  const dueDate = patch.dueDate === undefined ? undefined : optionalDate(patch.dueDate, 'dueDate');
  const found = findById(stepsOf(goalMap(doc, goalId)), stepId);
  if (!found) throw notFound('step', stepId);
  edit(doc, ctx, 'goals', () => {
    writeField(found.map, 'text', text);
    writeField(found.map, 'owner', owner);
    writeField(found.map, 'status', status);
    if (dueDate !== undefined) writeField(found.map, 'dueDate', dueDate);
  });
}

export function removeStep(doc: Y.Doc, ctx: EditContext, goalId: string, stepId: string): void {
  const steps = stepsOf(goalMap(doc, goalId));
  const found = findById(steps, stepId);
  if (!found) throw notFound('step', stepId);
  edit(doc, ctx, 'goals', () => steps.delete(found.index, 1));
}

function isStatusChange(v: unknown): v is GoalStatusChange {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    (c.from === null || (GOAL_STATUSES as readonly unknown[]).includes(c.from)) &&
    (GOAL_STATUSES as readonly unknown[]).includes(c.to) &&
    typeof c.at === 'string' &&
    typeof c.by === 'string'
  );
}

function readStep(m: YRecord): Step | null {
  const id = readString(m, 'id');
  if (id === null) return null;
  return {
    id,
    text: readText(m, 'text'),
    owner: readEnum(m, 'owner', STEP_OWNERS) ?? 'participant',
    dueDate: readDate(m, 'dueDate'),
    status: readEnum(m, 'status', STEP_STATUSES) ?? 'todo',
    createdAt: readString(m, 'createdAt'),
    createdBy: readString(m, 'createdBy')
  };
}

function readGoal(m: YRecord): Goal | null {
  const id = readString(m, 'id');
  if (id === null) return null;
  const steps = readShared(m, 'steps', Y.Array);
  const historyArr = readShared(m, 'history', Y.Array);
  const history = historyArr ? (historyArr.toArray() as unknown[]).filter(isStatusChange) : [];
  // Concurrent appends land in client order; the history reads in time order.
  history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const status = readEnum(m, 'status', GOAL_STATUSES) ?? 'open';
  const lastReached = status === 'reached' ? history.findLast((h) => h.to === 'reached') : undefined;
  return {
    id,
    theme: readEnum(m, 'theme', GOAL_THEMES) ?? 'other',
    title: readText(m, 'title'),
    status,
    createdAt: readString(m, 'createdAt'),
    createdBy: readString(m, 'createdBy'),
    steps: steps ? mapsOf(steps as Y.Array<unknown>).flatMap((s) => readStep(s) ?? []) : [],
    history,
    reachedOn: lastReached ? dayOfInstant(lastReached.at) : null
  };
}

export function readGoals(doc: Y.Doc): Goal[] {
  return mapsOf(goalsArray(doc)).flatMap((m) => readGoal(m) ?? []);
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW_SETTINGS, parseWorkflowValues, readWorkflowSettings, workflowValues } from './workflow-settings';

const typed = workflowValues(DEFAULT_WORKFLOW_SETTINGS);

describe('workflow settings', () => {
  it('defaults to 48 h, 60 %, 8–15 creators, frequency 3.0 and a 20 % fall', () => {
    expect(DEFAULT_WORKFLOW_SETTINGS).toMatchObject({
      organicWaitHours: 48,
      minCompletion: 60,
      pipelineMin: 8,
      pipelineMax: 15,
      maxFrequency: 3,
      completionDropPercent: 20,
    });
    expect(parseWorkflowValues(typed)).toEqual({ ok: true, value: DEFAULT_WORKFLOW_SETTINGS });
  });

  it('keeps the organic wait within 24–168 h', () => {
    expect(parseWorkflowValues({ ...typed, organicWaitHours: '24' }).ok).toBe(true);
    expect(parseWorkflowValues({ ...typed, organicWaitHours: '168' }).ok).toBe(true);
    expect(parseWorkflowValues({ ...typed, organicWaitHours: '23' })).toMatchObject({ ok: false, field: 'organicWaitHours' });
    expect(parseWorkflowValues({ ...typed, organicWaitHours: '169' })).toMatchObject({ ok: false, field: 'organicWaitHours' });
  });

  it('refuses values that make no sense, naming the field', () => {
    expect(parseWorkflowValues({ ...typed, minCompletion: '120' })).toMatchObject({ ok: false, field: 'minCompletion' });
    expect(parseWorkflowValues({ ...typed, pipelineMin: '16' })).toMatchObject({
      ok: false,
      field: 'pipelineMax',
      message: 'The pipeline target must run from fewer to more creators: you chose 16 to 15.',
    });
    expect(parseWorkflowValues({ ...typed, maxFrequency: 'often' })).toMatchObject({ ok: false, field: 'maxFrequency' });
    expect(parseWorkflowValues({ ...typed, completionDropPercent: '0' })).toMatchObject({ ok: false, field: 'completionDropPercent' });
    expect(parseWorkflowValues({ ...typed, messageTemplate: '  ' })).toMatchObject({ ok: false, field: 'messageTemplate' });
  });

  it('reads an unreadable stored row as the defaults', () => {
    expect(readWorkflowSettings(undefined)).toEqual(DEFAULT_WORKFLOW_SETTINGS);
    expect(readWorkflowSettings({ organicWaitHours: 2 })).toEqual(DEFAULT_WORKFLOW_SETTINGS);
  });
});

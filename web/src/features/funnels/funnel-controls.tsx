import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { JourneyDocument } from '../../api/journey.ts'
import { StepPicker } from './step-picker.tsx'
import { defaultSteps, ORDERS, type FunnelOrder, type FunnelParams, type WindowUnit } from './use-funnel-params.ts'

/** What the funnel is built from: steps or stages in order, the conversion window, the order rule and the breakdown. */
export function FunnelControls({ doc, funnel, onChange }: { doc: JourneyDocument; funnel: FunnelParams; onChange: (c: Partial<FunnelParams>) => void }) {
  const { slug = '' } = useParams()
  const dims = useQuery({ queryKey: ['dimensions', slug], queryFn: () => ok(client.GET('/api/workspaces/{ws}/dimensions', { params: { path: { ws: slug } } })) })
  const options =
    funnel.mode === 'steps'
      ? doc.stages.flatMap((s) => s.steps.map((t) => ({ key: t.key, name: t.name, group: s.name })))
      : doc.stages.map((s) => ({ key: s.key, name: s.name }))
  return (
    <form className="funnel-controls" aria-label="Funnel" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="segmented">
        <legend>Build from</legend>
        {(['steps', 'stages'] as const).map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name="mode"
              value={mode}
              checked={funnel.mode === mode}
              onChange={() => onChange({ mode, items: mode === 'steps' ? defaultSteps(doc) : doc.stages.map((s) => s.key) })}
            />
            {mode === 'steps' ? 'Steps' : 'Stages'}
          </label>
        ))}
      </fieldset>
      <StepPicker key={funnel.mode} what={funnel.mode === 'steps' ? 'step' : 'stage'} items={funnel.items} options={options} onChange={(items) => onChange({ items })} />
      <div className="funnel-options">
        <WindowInput value={funnel.window} onChange={(window) => onChange({ window })} />
        <label>
          Order
          <select value={funnel.order} onChange={(e) => onChange({ order: e.target.value as FunnelOrder })}>
            {(Object.keys(ORDERS) as FunnelOrder[]).map((o) => (
              <option key={o} value={o}>
                {ORDERS[o]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Break down by
          <select value={funnel.breakdown} onChange={(e) => onChange({ breakdown: e.target.value })}>
            <option value="">Nothing</option>
            <option value="channel">Channel of the first step</option>
            <option value="valueTier">Value tier (paying customers by revenue)</option>
            {dims.data && dims.data.traits.length > 0 && (
              <optgroup label="Customer trait">
                {dims.data.traits.map((t) => (
                  <option key={t.trait} value={`trait:${t.trait}`}>
                    {t.trait}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
      </div>
    </form>
  )
}

/** The conversion window: an amount and a unit; the funnel changes once the amount is a positive number. */
function WindowInput({ value, onChange }: { value: FunnelParams['window']; onChange: (w: FunnelParams['window']) => void }) {
  const [text, setText] = useState(String(value.amount))
  useEffect(() => setText(String(value.amount)), [value.amount])
  const amount = Number(text)
  const valid = text !== '' && Number.isFinite(amount) && amount > 0
  return (
    <fieldset className="window-input">
      <legend>Conversion window</legend>
      <input
        type="number"
        min={1}
        step={1}
        aria-label="Conversion window"
        aria-invalid={!valid}
        aria-describedby="window-help"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          const n = Number(e.target.value)
          if (e.target.value !== '' && n > 0) onChange({ ...value, amount: n })
        }}
      />
      <select aria-label="Window unit" value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as WindowUnit })}>
        <option value="hours">hours</option>
        <option value="days">days</option>
      </select>
      <span id="window-help" className={valid ? 'sr-only' : 'error'}>
        {valid ? 'Each step must follow the first within this time.' : 'Give a number above 0.'}
      </span>
    </fieldset>
  )
}

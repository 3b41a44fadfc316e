import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useId, useState } from 'react'
import { useParams } from 'react-router'
import { client, ok } from '../../api/client.ts'
import type { Step } from '../../api/journey.ts'
import { matchRulesOf, type MatchRule, type Scalar } from '../../../../src/domain/journey/journey.ts'
import { useFilter } from '../filters/use-filter.ts'

type Where = NonNullable<MatchRule['where']>
type Row = { key: string; values: string }

const listOf = (text: string) =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
const asList = <T,>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v])
const oneOrMany = <T,>(items: T[]): T | T[] => (items.length === 1 ? items[0]! : items)
const eventsText = (rule: MatchRule) => asList(rule.event).join(', ')
const rowsOf = (where: Where | undefined): Row[] => Object.entries(where ?? {}).map(([key, v]) => ({ key, values: asList(v).join(', ') }))
/** The rows with a key and values as a `where`; undefined when none. */
function whereOf(rows: Row[]): Where | undefined {
  const entries = rows.flatMap((r): Array<[string, Scalar | Scalar[]]> => (r.key.trim() && listOf(r.values).length ? [[r.key.trim(), oneOrMany(listOf(r.values))]] : []))
  return entries.length ? Object.fromEntries(entries) : undefined
}
/** What the server accepts: rules with events named (the others are still being typed). */
const complete = (rules: MatchRule[]) => rules.filter((r) => asList(r.event).some((e) => e.trim()))

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return debounced
}

/**
 * A step's mapping rules (which events are this touchpoint; rules are OR-ed) with a live preview of what
 * they match in the period. Every change goes to the document through `onChange`, so it is undoable and saved
 * with the version. A step without rules matches events named like its key: the first rule added starts from that.
 */
export function RulesEditor({ step, channels, onChange }: { step: Step; channels: string[]; onChange: (match: MatchRule[] | undefined, field: string) => void }) {
  const rules = step.match ?? []
  const base = matchRulesOf(step)
  const setRule = (i: number, rule: MatchRule, field: string) => onChange(rules.map((r, j) => (j === i ? rule : r)), `match:${i}:${field}`)
  return (
    <fieldset className="rules-editor">
      <legend>Mapping rules</legend>
      {rules.length ? (
        <p className="field-hint">Events matching any rule count as this step (the first step in the journey that matches wins).</p>
      ) : (
        <p className="field-hint">
          No rules: this step matches events named <code>{step.key}</code>, like its key. Add a rule to match other events.
        </p>
      )}
      <ol className="rules-list">
        {rules.map((rule, i) => (
          <RuleItem
            key={i}
            n={i + 1}
            rule={rule}
            channels={channels}
            onChange={(r, field) => setRule(i, r, field)}
            onRemove={() => {
              const rest = rules.filter((_, j) => j !== i)
              onChange(rest.length ? rest : undefined, 'match')
            }}
          />
        ))}
      </ol>
      <button type="button" className="ghost add-rule" onClick={() => onChange(rules.length ? [...rules, { event: '' }] : base, 'match')}>
        + Add rule
      </button>
      <RulePreview step={step} rules={base} onAdd={(rule) => onChange([...base, rule], 'match')} />
    </fieldset>
  )
}

function RuleItem({ n, rule, channels, onChange, onRemove }: { n: number; rule: MatchRule; channels: string[]; onChange: (rule: MatchRule, field: string) => void; onRemove: () => void }) {
  const id = useId()
  // The texts as typed (a trailing comma, an unfinished condition); the rule gets what they parse to.
  const [events, setEvents] = useState(eventsText(rule))
  if (listOf(events).join(', ') !== eventsText(rule) && events !== eventsText(rule)) setEvents(eventsText(rule))
  const [rows, setRows] = useState(rowsOf(rule.where))
  if (JSON.stringify(whereOf(rows) ?? {}) !== JSON.stringify(whereOf(rowsOf(rule.where)) ?? {})) setRows(rowsOf(rule.where))
  const setWhere = (next: Row[], field: string) => {
    setRows(next)
    const { where: _where, ...rest } = rule
    const where = whereOf(next)
    onChange(where ? { ...rest, where } : rest, field)
  }
  const missing = !listOf(events).length
  return (
    <li className="rule" aria-label={`Rule ${n}`}>
      <label>
        Event names
        <input
          value={events}
          aria-invalid={missing ? true : undefined}
          aria-describedby={`${id}-events`}
          onChange={(e) => {
            setEvents(e.target.value)
            const names = listOf(e.target.value)
            onChange({ ...rule, event: names.length ? oneOrMany(names) : '' }, 'event')
          }}
        />
        <span id={`${id}-events`} className={missing ? 'field-hint error' : 'field-hint'}>
          {missing ? 'Name at least one event.' : 'Comma-separated: any of them.'}
        </span>
      </label>
      <label>
        Channel
        <select
          value={rule.channel ?? ''}
          onChange={(e) => {
            const { channel: _channel, ...rest } = rule
            onChange(e.target.value ? { ...rest, channel: e.target.value } : rest, 'channel')
          }}
        >
          <option value="">Any channel</option>
          {[...new Set([...channels, ...(rule.channel ? [rule.channel] : [])])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <div className="rule-where" role="group" aria-label={`Property conditions of rule ${n}`}>
        {rows.map((row, j) => (
          <div className="rule-condition" key={j}>
            <input
              aria-label={`Property ${j + 1}`}
              placeholder="property"
              value={row.key}
              onChange={(e) => setWhere(rows.map((r, k) => (k === j ? { ...r, key: e.target.value } : r)), `where:${j}:key`)}
            />
            <span aria-hidden="true">=</span>
            <input
              aria-label={`Values of property ${j + 1}`}
              placeholder="value, value"
              value={row.values}
              onChange={(e) => setWhere(rows.map((r, k) => (k === j ? { ...r, values: e.target.value } : r)), `where:${j}:values`)}
            />
            <button type="button" className="ghost" aria-label={`Remove condition ${j + 1}`} onClick={() => setWhere(rows.filter((_, k) => k !== j), 'where')}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="ghost" onClick={() => setRows([...rows, { key: '', values: '' }])}>
          + Property condition
        </button>
      </div>
      <button type="button" className="ghost rule-remove" onClick={onRemove}>
        Remove rule {n}
      </button>
    </li>
  )
}

/** What the rules match in the period, asked ~300 ms after the last change. */
function RulePreview({ step, rules, onAdd }: { step: Step; rules: MatchRule[]; onAdd: (rule: MatchRule) => void }) {
  const { slug = '', journeyId = '' } = useParams()
  const { query, filter } = useFilter()
  const asked = useDebounced(complete(rules), 300)
  const preview = useQuery({
    queryKey: ['rule-preview', slug, journeyId, step.key, asked, query],
    queryFn: ({ signal }) =>
      ok(
        client.POST('/api/workspaces/{ws}/journeys/{id}/rule-preview', {
          params: { path: { ws: slug, id: journeyId }, query },
          body: { rules: asked, step: step.key },
          signal,
        }),
      ),
    enabled: asked.length > 0,
    placeholderData: keepPreviousData,
  })
  const p = preview.data
  const period = filter.from || filter.to ? 'in the period' : 'in all the data'
  return (
    <section className="rule-preview" aria-label="Rule preview" aria-busy={preview.isFetching}>
      {preview.error ? (
        <p className="error" role="alert">
          No preview: {preview.error.message}
        </p>
      ) : !p ? (
        <p className="field-hint">{asked.length ? 'Counting…' : 'Name an event to see what the rules match.'}</p>
      ) : (
        <>
          <p className="rule-count" role="status" data-testid="rule-preview-count">
            <strong>{p.events.toLocaleString('en')}</strong> events, <strong>{p.customers.toLocaleString('en')}</strong> customers {period}
          </p>
          {p.samples.length > 0 && (
            <ul className="rule-samples" aria-label="Latest matching events">
              {p.samples.map((s, i) => (
                <li key={i}>
                  <span className="rule-sample-event">{s.event}</span> · {s.channel} · {s.customer} · <time dateTime={s.ts}>{s.ts.slice(0, 16).replace('T', ' ')}</time>
                  {Object.keys(s.properties).length > 0 && (
                    <span className="rule-sample-props">
                      {' '}
                      {Object.entries(s.properties)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(' ')}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          {p.suggestions.length > 0 && (
            <div className="rule-suggestions" role="group" aria-label="Similar unmapped events">
              <span className="field-hint">Similar events no step maps:</span>
              {p.suggestions.map((s) => (
                <button type="button" className="ghost" key={`${s.event} ${s.channel}`} onClick={() => onAdd({ event: s.event, ...(s.channel ? { channel: s.channel } : {}) })}>
                  + {s.event} ({s.channel || 'no channel'}, {s.events.toLocaleString('en')} events)
                </button>
              ))}
            </div>
          )}
        </>
      )}
    </section>
  )
}

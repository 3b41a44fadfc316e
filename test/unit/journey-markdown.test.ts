import { describe, expect, it } from 'vitest'
import type { JourneyDocument } from '../../src/domain/journey/journey.ts'
import { emotionLabel, journeyToMarkdown } from '../../src/domain/journey/journey-markdown.ts'

const doc: JourneyDocument = {
  format: 'waymark.journey/v1',
  name: 'Home broadband',
  description: 'From search to the first bill.\n# not a heading',
  persona: {
    name: 'Remote worker',
    job: 'When I move house, I want working internet from day one, so I can keep working',
    outcomes: ['online within 3 days of moving'],
    goals: ['keep working'],
    frustrations: ['hidden fees'],
  },
  goal: 'bill_paid',
  stages: [
    {
      key: 'discover',
      name: 'Discover',
      goal: 'Find a plan that fits',
      promise: 'Clear prices, no surprises',
      motivations: ['moving house'],
      questions: ['Is fibre available?'],
      fears: ['lock-in'],
      steps: [
        {
          key: 'visit_site',
          name: 'Visit website',
          channel: 'web',
          emotion: 1,
          description: 'Lands on the home page',
          thoughts: 'Which plan is mine?',
          pains: ['slow page'],
          backstage: 'CMS, pricing service',
          owner: 'Marketing',
          momentOfTruth: true,
        },
        { key: 'compare_plans', name: 'Compare plans', channel: 'web', emotion: -2 },
      ],
    },
    {
      key: 'pay',
      name: 'Pay',
      steps: [
        { key: 'bill_paid', name: 'Pay the first bill', channel: 'email', emotion: 2 },
        { key: 'call', name: 'Call support', channel: 'phone', emotion: -1 },
        { key: 'wait', name: 'Wait', emotion: 0 },
      ],
    },
  ],
  insights: [
    {
      source: 'service_safari',
      text: 'Customers cannot tell fibre plans apart',
      quote: 'They all say "up to".\nWhich one is real?',
      author: 'Ana',
      date: '2024-05-01',
      steps: ['compare_plans', 'visit_site'],
    },
    { source: 'survey', text: 'Bills arrive late', stages: ['pay'] },
  ],
}

describe('journeyToMarkdown', () => {
  const md = journeyToMarkdown(doc)

  it('has the journey, persona, goal, stage and step headings in order', () => {
    const headings = md.split('\n').filter((line) => /^#{1,3} /.test(line))
    expect(headings).toEqual([
      '# Home broadband',
      '## Persona: Remote worker',
      '## Goal',
      '## Discover',
      '### Visit website',
      '### Compare plans',
      '## Pay',
      '### Pay the first bill',
      '### Call support',
      '### Wait',
      '## Evidence',
      '### 1. Service safari',
      '### 2. Survey',
    ])
  })

  it('shows the persona, the goal step and the stage facts', () => {
    expect(md).toContain('- **Job to be done:** When I move house, I want working internet from day one, so I can keep working')
    expect(md).toContain('- **Desired outcomes:**\n  - online within 3 days of moving')
    expect(md).toContain('- **Frustrations:**\n  - hidden fees')
    expect(md).toContain('Reaching the step “Pay the first bill” (`bill_paid`)')
    expect(md).toContain('- **Goal:** Find a plan that fits\n- **Promise:** Clear prices, no surprises\n- **Motivations:**\n  - moving house\n- **Questions:**\n  - Is fibre available?\n- **Fears:**\n  - lock-in')
  })

  it('shows each step with its channel, designed emotion as a face, and its details', () => {
    expect(md).toContain(
      [
        '### Visit website',
        '',
        '- **Channel:** web',
        '- **Designed emotion:** +1 🙂',
        '- **Moment of truth**',
        '- **Description:** Lands on the home page',
        '- **Thoughts:** Which plan is mine?',
        '- **Pains:**',
        '  - slow page',
        '- **Backstage:** CMS, pricing service',
        '- **Owner:** Marketing',
      ].join('\n'),
    )
    expect(md).toContain('- **Designed emotion:** -2 😣')
    expect(md).toContain('- **Designed emotion:** +2 😄')
    expect(md).toContain('- **Designed emotion:** -1 🙁')
    expect(md).toContain('- **Designed emotion:** 0 😐')
    expect([-2, -1, 0, 1, 2].map(emotionLabel)).toEqual(['-2 😣', '-1 🙁', '0 😐', '+1 🙂', '+2 😄'])
  })

  it('lists the evidence with its quote as a blockquote and the steps it is about', () => {
    const evidence = md.slice(md.indexOf('## Evidence'))
    expect(evidence).toContain('### 1. Service safari\n\nCustomers cannot tell fibre plans apart\n\n> They all say "up to".\n> Which one is real?')
    expect(evidence).toContain('- **Steps:** Compare plans, Visit website')
    expect(evidence).toContain('- **By:** Ana, 2024-05-01')
    expect(evidence).toContain('### 2. Survey\n\nBills arrive late\n\n- **Stages:** Pay')
  })

  it('escapes user text that Markdown would read as structure', () => {
    expect(md).toContain('From search to the first bill.\n\\# not a heading')
    const tricky = journeyToMarkdown({
      format: 'waymark.journey/v1',
      name: 'Plan #',
      description: '- not a list\n1. not numbered\n<script>alert(1)</script> *not bold*',
      stages: [{ key: 's', name: '# Stage', steps: [{ key: 'x', name: 'Step_one', description: '> not a quote' }] }],
    })
    expect(tricky).toContain('# Plan \\#\n')
    expect(tricky).toContain('\\- not a list\n1\\. not numbered\n\\<script>alert(1)\\</script> \\*not bold\\*')
    expect(tricky).toContain('## # Stage\n')
    expect(tricky).toContain('### Step\\_one\n')
    expect(tricky).toContain('- **Description:** \\> not a quote')
    expect(tricky).not.toContain('## Evidence')
    expect(tricky.endsWith('\n')).toBe(true)
  })
})

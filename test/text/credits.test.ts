import { describe, expect, it } from 'vitest';
import { creditsAnotherOutlet, creditsPageAt } from '../../src/text/credits.js';

describe('credits', () => {
  it('finds a page crediting an outlet or agency for its story', () => {
    expect(creditsAnotherOutlet('This story originally appeared on example.com.')).toBe(true);
    expect(creditsAnotherOutlet('The council will vote on Tuesday, reports the AP.')).toBe(true);
    expect(creditsAnotherOutlet('The bridge will close for a month, according to the Lakeside Gazette.')).toBe(true);
    expect(creditsAnotherOutlet('Per Reuters, talks resume next week.')).toBe(true);
    expect(creditsAnotherOutlet('Talks resume next week.\n-- Agencies')).toBe(true);
  });

  it('does not take a quote’s source, an official or a photo credit for a credit', () => {
    expect(creditsAnotherOutlet('“We are ready,” the minister told Reuters on Monday.')).toBe(false);
    expect(creditsAnotherOutlet('Turnout rose, according to officials. Costs rose 5 per cent.')).toBe(false);
    expect(creditsAnotherOutlet('The mayor at City Hall. (Photo by Jane Roe via AP)')).toBe(false);
    expect(creditsAnotherOutlet('According to the mayor, the road reopens in May.')).toBe(false);
  });

  it('finds a credit to the outlet whose page is at an address, named or by its site', () => {
    expect(creditsPageAt('The vote is on Tuesday, according to The Hill.', 'https://thehill.com/homenews/1')).toBe(true);
    expect(creditsPageAt('According to CNN, the game was stopped.', 'https://www.cnn.com/us/live-news/1')).toBe(true);
    expect(creditsPageAt('This story originally appeared on thehill.com.', 'https://digital-staging.thehill.com/amp')).toBe(true);
    expect(creditsPageAt('The vote is on Tuesday, according to The Hill.', 'https://hillsborough.com/news')).toBe(false);
    expect(creditsPageAt('“We are ready,” the coach told CNN.', 'https://www.cnn.com/1')).toBe(false);
    expect(creditsPageAt('The vote is on Tuesday, according to The Hill.', undefined)).toBe(false);
    expect(creditsPageAt('The vote is on Tuesday, according to The Hill.', 'not an address')).toBe(false);
  });
});

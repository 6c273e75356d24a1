import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { expertSchema, questionSchema, siteSchema, topicsSchema } from '../../../src/data/schema.js';
import { fieldName, schemaProblems, type SchemaProblem } from '../../../src/data/zodIssues.js';

const expert = { name: 'Ada Fenwick', specialty: 'Vegetables', location: { city: 'Norwich' } };
const question = { title: 'Why?', asked: '2024-01-01', topics: ['soil'], body: 'Because.' };
const answer = { author: 'ada-fenwick', date: '2024-01-02', body: 'An answer.' };
const site = { title: 'Ask the Gardeners', url: 'https://example.org/' };

const value = (path: SchemaProblem['path'], message: string): SchemaProblem => ({ path, part: 'value', message });
const key = (path: SchemaProblem['path'], message: string): SchemaProblem => ({ path, part: 'key', message });
const URL_RULE = 'must be an absolute http(s) URL such as https://example.org/';

describe('schemaProblems', () => {
  it.each<[string, z.ZodType, unknown]>([
    ['a minimal expert', expertSchema, expert],
    [
      'a full expert',
      expertSchema,
      {
        ...expert,
        credentials: ['MSc'],
        location: { city: 'Norwich', region: 'Norfolk', country: 'United Kingdom' },
        rating: { value: 5, count: 0 },
        bio: 'Grows things.',
        website: 'http://example.org/ada',
      },
    ],
    ['a rating of 0', expertSchema, { ...expert, rating: { value: 0, count: 3 } }],
    ['a question without answers', questionSchema, question],
    ['a question with an empty answers list', questionSchema, { ...question, answers: [] }],
    ['an answer without a title, with 0 helpful votes', questionSchema, { ...question, answers: [{ ...answer, helpful: 0 }] }],
    ['a leap day', questionSchema, { ...question, asked: '2024-02-29' }],
    ['a minimal site', siteSchema, site],
    ['a site with a language tag and an edit URL', siteSchema, { ...site, language: 'fr-CA', editUrl: 'https://example.org/edit/{path}' }],
    ['topics', topicsSchema, { soil: { name: 'Soil' }, 'cut-flowers': { name: 'Cut Flowers', description: 'Vases.' } }],
  ])('finds nothing wrong with %s', (_name, schema, data) => {
    expect(schemaProblems(schema, data)).toEqual([]);
  });

  it.each<[string, z.ZodType, unknown, SchemaProblem[]]>([
    // missing required fields
    ['a missing required field', expertSchema, { specialty: 'x', location: { city: 'y' } }, [value(['name'], 'missing required field "name": add it')]],
    ['a missing nested field', expertSchema, { ...expert, location: {} }, [value(['location', 'city'], 'missing required field "location.city": add it')]],
    [
      'a missing field in an answer',
      questionSchema,
      { ...question, answers: [answer, { author: 'a', date: '2024-01-01' }] },
      [value(['answers', 1, 'body'], 'missing required field "answers[1].body": add it')],
    ],
    ['a missing topic name', topicsSchema, { soil: {} }, [value(['soil', 'name'], 'missing required field "soil.name": add it')]],
    // wrong types
    ['a number for text', expertSchema, { ...expert, name: 5 }, [value(['name'], 'name must be text, not the number 5')]],
    ['an empty value for text', expertSchema, { ...expert, name: null }, [value(['name'], 'name must be text, not empty')]],
    ['text for a list', questionSchema, { ...question, topics: 'neurology' }, [value(['topics'], 'topics must be a list, not text "neurology"')]],
    ['text for a list of credentials', expertSchema, { ...expert, credentials: 'MD' }, [value(['credentials'], 'credentials must be a list, not text "MD"')]],
    ['a list for a mapping', expertSchema, { ...expert, location: ['Norwich'] }, [value(['location'], 'location must be a mapping of fields, not a list')]],
    ['an empty answers list written as nothing', questionSchema, { ...question, answers: null }, [value(['answers'], 'answers must be a list, not empty')]],
    ['text for a number', expertSchema, { ...expert, rating: { value: '4', count: 1 } }, [value(['rating', 'value'], 'rating.value must be a number, not text "4"')]],
    ['a number for a date', questionSchema, { ...question, asked: 20240101 }, [value(['asked'], 'asked must be text, not the number 20240101')]],
    ['true for text', questionSchema, { ...question, body: true }, [value(['body'], 'body must be text, not boolean true')]],
    ['text for a topic', topicsSchema, { soil: 'Soil' }, [value(['soil'], 'soil must be a mapping of fields, not text "Soil"')]],
    ['a list for a whole file', expertSchema, ['Ada'], [value([], 'the file must be a YAML mapping of fields (key: value)')]],
    ['text for a whole file', questionSchema, 'just a sentence', [value([], 'the file must be a YAML mapping of fields (key: value)')]],
    ['nothing for a whole file', siteSchema, null, [value([], 'the file must be a YAML mapping of fields (key: value)')]],
    // numbers out of range
    ['a rating above 5', expertSchema, { ...expert, rating: { value: 7, count: 3 } }, [value(['rating', 'value'], 'rating.value must be at most 5, not 7')]],
    ['a rating below 0', expertSchema, { ...expert, rating: { value: -1, count: 3 } }, [value(['rating', 'value'], 'rating.value must be at least 0, not -1')]],
    ['a negative review count', expertSchema, { ...expert, rating: { value: 4, count: -1 } }, [value(['rating', 'count'], 'rating.count must be at least 0, not -1')]],
    ['a fractional review count', expertSchema, { ...expert, rating: { value: 4, count: 2.5 } }, [value(['rating', 'count'], 'rating.count must be a whole number, not the number 2.5')]],
    [
      'negative helpful votes',
      questionSchema,
      { ...question, answers: [{ ...answer, helpful: -1 }] },
      [value(['answers', 0, 'helpful'], 'answers[0].helpful must be at least 0, not -1')],
    ],
    [
      'fractional helpful votes',
      questionSchema,
      { ...question, answers: [{ ...answer, helpful: 1.5 }] },
      [value(['answers', 0, 'helpful'], 'answers[0].helpful must be a whole number, not the number 1.5')],
    ],
    ['a negative offline budget', siteSchema, { ...site, offlineBudget: -5 }, [value(['offlineBudget'], 'offlineBudget must be at least 0, not -5')]],
    // URLs and language tags
    ['a URL without a scheme', siteSchema, { ...site, url: 'example.org' }, [value(['url'], `url ${URL_RULE} (found "example.org")`)]],
    ['a relative URL', siteSchema, { ...site, url: '/answers/' }, [value(['url'], `url ${URL_RULE} (found "/answers/")`)]],
    ['an ftp URL for a website', expertSchema, { ...expert, website: 'ftp://example.org' }, [value(['website'], `website ${URL_RULE} (found "ftp://example.org")`)]],
    [
      'an edit URL without {path}',
      siteSchema,
      { ...site, editUrl: 'https://example.org/edit/' },
      [value(['editUrl'], 'editUrl must contain {path}, where the data file path goes (found "https://example.org/edit/")')],
    ],
    ['an edit URL that is not a URL', siteSchema, { ...site, editUrl: 'edit/{path}' }, [value(['editUrl'], `editUrl ${URL_RULE} (found "edit/{path}")`)]],
    [
      'a bad language tag',
      siteSchema,
      { ...site, language: 'english!' },
      [value(['language'], 'language must be a BCP 47 language tag such as en, fr-CA or ja (found "english!")')],
    ],
    [
      'a long bad value, shortened in the message',
      siteSchema,
      { ...site, url: `not a url ${'x'.repeat(80)}` },
      [value(['url'], `url ${URL_RULE} (found "not a url ${'x'.repeat(47)}...")`)],
    ],
    // dates and ids
    [
      'an impossible date',
      questionSchema,
      { ...question, asked: '2024-02-30' },
      [value(['asked'], 'asked is not a real calendar date: check the month (01-12) and the day (found "2024-02-30")')],
    ],
    [
      'an impossible answer date',
      questionSchema,
      { ...question, answers: [{ ...answer, date: '2024-13-45' }] },
      [value(['answers', 0, 'date'], 'answers[0].date is not a real calendar date: check the month (01-12) and the day (found "2024-13-45")')],
    ],
    [
      'an author that is not an id',
      questionSchema,
      { ...question, answers: [{ ...answer, author: 'Dr Smith' }] },
      [value(['answers', 0, 'author'], 'answers[0].author must be an expert id such as jane-doe (found "Dr Smith")')],
    ],
    [
      'a topic that is not an id',
      questionSchema,
      { ...question, topics: ['soil', 'Cut Flowers'] },
      [value(['topics', 1], 'topics[1] must be a topic id such as skin-care (found "Cut Flowers")')],
    ],
    [
      'a topic key that is not an id',
      topicsSchema,
      { 'Cut Flowers': { name: 'Cut Flowers' } },
      [value(['Cut Flowers'], 'key "Cut Flowers" is not a valid id: use lowercase letters, digits and single hyphens')],
    ],
    // empty values
    ['an empty topics list', questionSchema, { ...question, topics: [] }, [value(['topics'], 'topics must list at least 1 item')]],
    ['an empty title', questionSchema, { ...question, title: '' }, [value(['title'], 'title must not be empty')]],
    ['a title of spaces', questionSchema, { ...question, title: '   ' }, [value(['title'], 'title must not be empty')]],
    ['an empty answer title', questionSchema, { ...question, answers: [{ ...answer, title: '' }] }, [value(['answers', 0, 'title'], 'answers[0].title must not be empty')]],
    ['an empty credential', expertSchema, { ...expert, credentials: ['MD', ''] }, [value(['credentials', 1], 'credentials[1] must not be empty')]],
    // unknown fields
    [
      'a misspelled required field',
      expertSchema,
      { name: 'Ada', speciality: 'Soil', location: { city: 'Utrecht' } },
      [value(['specialty'], 'missing required field "specialty": add it'), key(['speciality'], 'unknown field "speciality": did you mean "specialty"?')],
    ],
    [
      'a misspelled question title',
      questionSchema,
      { titel: 'Why?', asked: '2024-01-01', topics: ['soil'], body: 'x' },
      [value(['title'], 'missing required field "title": add it'), key(['titel'], 'unknown field "titel": did you mean "title"?')],
    ],
    [
      'a misspelled optional answer field',
      questionSchema,
      { ...question, answers: [answer, { ...answer, titel: 'Headline' }] },
      [key(['answers', 1, 'titel'], 'unknown field "titel" in answers[1]: did you mean "title"?')],
    ],
    ['a misspelled location field', expertSchema, { ...expert, location: { city: 'x', contry: 'y' } }, [key(['location', 'contry'], 'unknown field "contry" in location: did you mean "country"?')]],
    ['a misspelled topic field', topicsSchema, { soil: { name: 'Soil', descripton: 'x' } }, [key(['soil', 'descripton'], 'unknown field "descripton" in soil: did you mean "description"?')]],
    ['a misspelled site field', siteSchema, { ...site, langauge: 'en' }, [key(['langauge'], 'unknown field "langauge": did you mean "language"?')]],
    [
      'an unknown field with no close match',
      expertSchema,
      { ...expert, favouriteColour: 'green' },
      [key(['favouriteColour'], 'unknown field "favouriteColour": the fields allowed here are name, credentials, specialty, location, rating, bio, website, photo')],
    ],
    [
      'an unknown nested field with no close match',
      expertSchema,
      { ...expert, rating: { value: 4, count: 1, votes: 3 } },
      [key(['rating', 'votes'], 'unknown field "votes" in rating: the fields allowed here are value, count')],
    ],
    [
      'two unknown fields in one mapping',
      questionSchema,
      { ...question, tags: ['x'], bdy: 'y' },
      [
        key(['tags'], 'unknown field "tags": the fields allowed here are title, asked, topics, body, answers'),
        key(['bdy'], 'unknown field "bdy": did you mean "body"?'),
      ],
    ],
  ])('describes %s', (_name, schema, data, expected) => {
    expect(schemaProblems(schema, data)).toEqual(expected);
  });

  it('reports every problem in a file at once, in the order of the fields', () => {
    expect(
      schemaProblems(questionSchema, {
        title: '',
        asked: '2024-04-31',
        topics: [],
        answers: [{ author: 'x', date: '2024-01-01', body: 'y', helpful: -2 }],
      }),
    ).toEqual([
      value(['title'], 'title must not be empty'),
      value(['asked'], 'asked is not a real calendar date: check the month (01-12) and the day (found "2024-04-31")'),
      value(['topics'], 'topics must list at least 1 item'),
      value(['body'], 'missing required field "body": add it'),
      value(['answers', 0, 'helpful'], 'answers[0].helpful must be at least 0, not -2'),
    ]);
  });

  it('says a date is not written YYYY-MM-DD when the shape is wrong', () => {
    expect(schemaProblems(questionSchema, { ...question, asked: '2024-1-5' })).toContainEqual(
      value(['asked'], 'asked must be a date written YYYY-MM-DD (found "2024-1-5")'),
    );
  });
});

describe('fieldName', () => {
  it.each<[SchemaProblem['path'], string]>([
    [[], ''],
    [['title'], 'title'],
    [['location', 'city'], 'location.city'],
    [['answers', 2, 'author'], 'answers[2].author'],
    [['topics', 0], 'topics[0]'],
    [['credentials', 1], 'credentials[1]'],
  ])('%j is %j', (path, expected) => {
    expect(fieldName(path)).toBe(expected);
  });
});

describe('schemaProblems on a field of several kinds (a plural label: text, or text per plural form)', () => {
  it('describes a mapping by the mapping option\'s mistakes', () => {
    expect(schemaProblems(siteSchema, { ...site, labels: { answerCount: { ones: '{n} reply' } } })).toEqual([
      { path: ['labels', 'answerCount', 'other'], part: 'value', message: 'missing required field "labels.answerCount.other": add it' },
      { path: ['labels', 'answerCount', 'ones'], part: 'key', message: 'unknown field "ones" in labels.answerCount: did you mean "one"?' },
    ]);
  });

  it('names the kinds allowed for a value of neither kind', () => {
    expect(schemaProblems(siteSchema, { ...site, labels: { helpful: 3 } })).toEqual([
      { path: ['labels', 'helpful'], part: 'value', message: 'labels.helpful must be text or a mapping of fields, not the number 3' },
    ]);
  });

  it('accepts one text or the forms with other', () => {
    expect(schemaProblems(siteSchema, { ...site, labels: { helpful: 'Helpful: {n}', answerCount: { one: 'a', other: 'b' } } })).toEqual([]);
  });
});

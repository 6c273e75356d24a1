import type { Question, SiteInfo } from '../model/types.js';
import { person } from './person.js';

/**
 * schema.org QAPage for a question page, with the properties Google documents as required
 * and recommended. https://developers.google.com/search/docs/appearance/structured-data/qapage
 */
export function qaPage(question: Question, site: SiteInfo): Record<string, unknown> {
  const pageUrl = `${site.url}/${question.path}`;
  return {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: question.title,
      text: question.bodyText || question.title,
      answerCount: question.answerCount,
      datePublished: question.asked,
      author: { '@type': 'Organization', name: site.title, url: `${site.url}/` },
      url: pageUrl,
      suggestedAnswer: question.answers.map((answer) => ({
        '@type': 'Answer',
        text: answer.bodyText,
        url: `${pageUrl}#${answer.anchor}`,
        datePublished: answer.date,
        ...(answer.helpful !== null ? { upvoteCount: answer.helpful } : {}),
        author: person(answer.expert, site),
      })),
    },
  };
}

import { Fragment } from 'react';
import { parseGuide } from './guide-text.js';

/** A guide's body as headings, paragraphs and lists: text nodes only, never HTML. */
export function GuideBody({ body }: { body: string }) {
  return (
    <div className="guide-body">
      {parseGuide(body).map((block, index) => {
        if (block.kind === 'heading') return <h2 key={index}>{block.text}</h2>;
        if (block.kind === 'list')
          return (
            <ul key={index}>
              {block.items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          );
        return (
          <p key={index}>
            {block.lines.map((line, i) => (
              <Fragment key={i}>
                {i > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}

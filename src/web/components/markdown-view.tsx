import type { ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from '../../core/reviews/markdown-blocks.js';

/**
 * Markdown shown as elements built from parsed nodes: every piece of user text is a React text
 * node (escaped by React), no HTML string is ever injected, and links are http(s) or mailto only.
 */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  return <div className={`markdown ${className ?? ''}`}>{parseMarkdown(source).map(renderBlock)}</div>;
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${String(block.level)}` as 'h1';
      return <Tag key={key}>{inline(block.content)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{inline(block.content)}</p>;
    case 'quote':
      return <blockquote key={key}>{inline(block.content)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
    case 'table':
      return (
        <div className="markdown-table" key={key}>
          <table>
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i}>{inline(cell)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i}>{inline(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i} className={item.checked === null ? undefined : 'task'}>
          {item.checked === null ? null : (
            <input
              type="checkbox"
              checked={item.checked}
              readOnly
              disabled
              aria-label={item.checked ? 'done' : 'open'}
            />
          )}
          {inline(item.content)}
        </li>
      ));
      return block.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
  }
}

function inline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(node.children)}</em>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(node.children)}
          </a>
        );
    }
  });
}

/**
 * A strict XML 1.0 well-formedness check for the feeds (no XML parser is installed): one root,
 * tags nested and closed, attributes quoted and unique, only the five predefined or numeric
 * entities, no raw `<` or `&` in text. Returns the problems found (empty when well formed)
 * and the element names in document order, so tests can also check structure.
 */
export function checkXml(text: string): { problems: string[]; elements: string[] } {
  const problems: string[] = [];
  const elements: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, '');
  const NAME = /^[A-Za-z_][\w.:-]*/;
  const checkText = (chunk: string): void => {
    if (/[<>]/.test(chunk.replace(/>/g, ''))) problems.push(`raw < in text: ${chunk.slice(0, 40)}`);
    for (const match of chunk.matchAll(/&([^;\s]*);?/g)) {
      if (!/^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/.test(match[1] ?? '') || !match[0].endsWith(';'))
        problems.push(`bad entity ${match[0]}`);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(chunk)) problems.push('control character');
  };
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const textPart = body.slice(i, lt === -1 ? body.length : lt);
    if (stack.length === 0 && textPart.trim() !== '')
      problems.push(`text outside the root: ${textPart.slice(0, 40)}`);
    checkText(textPart);
    if (lt === -1) break;
    const gt = body.indexOf('>', lt);
    if (gt === -1) {
      problems.push('unclosed tag');
      break;
    }
    const tag = body.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
      continue;
    }
    const isEmpty = tag.endsWith('/');
    const inner = isEmpty ? tag.slice(0, -1) : tag;
    const name = NAME.exec(inner)?.[0];
    if (!name) {
      problems.push(`bad tag <${tag.slice(0, 30)}>`);
      continue;
    }
    const attributes = inner.slice(name.length);
    const seen = new Set<string>();
    const rest = attributes.replace(
      /\s+([A-Za-z_][\w.:-]*)="([^"<]*)"/g,
      (_m, attr: string, value: string) => {
        if (seen.has(attr)) problems.push(`duplicate attribute ${attr}`);
        seen.add(attr);
        checkText(value);
        return '';
      },
    );
    if (rest.trim() !== '') problems.push(`bad attributes in <${name}>: ${rest.slice(0, 40)}`);
    if (stack.length === 0) roots += 1;
    elements.push(name);
    if (!isEmpty) stack.push(name);
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return { problems, elements };
}

import { evaluateExpression, handleResponse, ImlError, render, renderRequest, withBase } from '../src/iml/index.js';

const scope = {
  parameters: { list: ['a', 'b', 'c'], name: 'x', empty: '', zero: 0, 'odd key': 'yes', nested: { deep: [{ v: 1 }] } },
  body: { id: 7 },
  now: new Date('2030-01-01T00:00:00Z'),
};

describe('IML expressions', () => {
  test.each([
    ['parameters.list[1]', 'a'],
    ['parameters.list[-1]', 'c'],
    ['parameters.list[4]', undefined],
    ['parameters.nested.deep[1].v', 1],
    ['parameters.missing.deeper', undefined],
    ['parameters.`odd key`', 'yes'],
    ["get(parameters, 'nested.deep.1.v')", 1],
    ["ifempty(parameters.empty, 'fallback')", 'fallback'],
    ["ifempty(parameters.zero, 'fallback')", 0],
    ["if(body.id > 5, 'big', 'small')", 'big'],
    ["switch(parameters.name, 'y', 1, 'x', 2, 3)", 2],
    ["switch(parameters.name, 'y', 1, 4)", 4],
    ["parameters.empty || 'or'", 'or'],
    ["parameters.name && 'and'", 'and'],
    ["parameters.name == 'x' && !parameters.missing", true],
    ["'n' + body.id * 2", 'n14'],
    ["replace('a_b_c', '/_/g', ' ')", 'a b c'],
    ["replace('a_b_c', '_', '-')", 'a-b-c'],
    ["replace('x//', '/[/]+$/', '')", 'x'],
    ["encodeURL('weird id/../x?y#z')", 'weird%20id%2F..%2Fx%3Fy%23z'],
    ["join(parameters.list, '; ')", 'a; b; c'],
    ["length(keys(parameters.nested))", 1],
    ['first(parameters.list)', 'a'],
    ["trim('  t ')", 't'],
    ["trim(' \\n t\\r\\n')", 't'],
    ['trim(parameters.missing)', ''],
    ["split('a, b, c', ', ')", ['a', 'b', 'c']],
    ["join(split('x-T-y-T', 'T'), '*')", 'x-*-y-*'],
    ['slice(parameters.list, 0, 2)', ['a', 'b']],
    ['slice(parameters.list, 1)', ['b', 'c']],
    ["parseJSON('{\"X-Name\":' + createJSON(parameters.name) + '}')", { 'X-Name': 'x' }],
    ['now < addSeconds(now, 1)', true],
    ["'2030-01-01T00:00:30Z' < addMinutes(now, 1)", true],
    ["'2030-01-01T00:01:30Z' < addMinutes(now, 1)", false],
  ])('%s', (expression, expected) => {
    expect(evaluateExpression(expression, scope)).toEqual(expected);
  });

  test('what it does not cover fails loudly', () => {
    expect(() => evaluateExpression('formatDate(now, "YYYY")', scope)).toThrow(ImlError);
    expect(() => evaluateExpression('body.id > 1 ? 1 : 2', scope)).toThrow(ImlError);
    expect(() => evaluateExpression("'unclosed", scope)).toThrow(ImlError);
  });
});

describe('IML templates', () => {
  test('a lone expression keeps its type; text around it makes text; undefined members are left out', () => {
    expect(render('{{parameters.list}}', scope)).toEqual(['a', 'b', 'c']);
    expect(render('id {{body.id}}: {{parameters.nested}}', scope)).toBe('id 7: {"deep":[{"v":1}]}');
    expect(render({ keep: null, drop: '{{parameters.missing}}', text: '{{ "}}" }}' }, scope)).toEqual({ keep: null, text: '}}' });
  });
});

describe('the spread key', () => {
  test('adds the members of a collection where it stands; a later member of the same name wins', () => {
    expect(render({ a: 1, '{{...}}': '{{parameters.nested}}', b: 2 }, scope)).toEqual({ a: 1, deep: [{ v: 1 }], b: 2 });
    expect(render({ name: 'first', '{{ ... }}': "{{parseJSON('{\"name\":\"second\"}')}}" }, scope)).toEqual({ name: 'second' });
    expect(render({ '{{...}}': "{{parseJSON('{\"name\":\"first\"}')}}", name: 'second' }, scope)).toEqual({ name: 'second' });
  });

  test('undefined or null adds nothing; text, numbers and arrays fail loudly', () => {
    expect(render({ a: 1, '{{...}}': '{{parameters.missing}}' }, scope)).toEqual({ a: 1 });
    expect(render({ a: 1, '{{...}}': '{{null}}' }, scope)).toEqual({ a: 1 });
    expect(() => render({ '{{...}}': '{{parameters.name}}' }, scope)).toThrow(ImlError);
    expect(() => render({ '{{...}}': '{{parameters.list}}' }, scope)).toThrow(ImlError);
    expect(() => render({ '{{...}}': '{{body.id}}' }, scope)).toThrow(ImlError);
  });

  test('in headers: a header added by a spread is sent; none when it renders to nothing', () => {
    const spec = { url: 'https://x.test', headers: { Accept: 'a', '{{...}}': "{{if(parameters.name == 'x', parseJSON('{\"X-One\":\"1\"}'), undefined)}}" } };
    expect(renderRequest(spec, scope)!.request.headers).toEqual({ Accept: 'a', 'X-One': '1' });
    expect(renderRequest(spec, { ...scope, parameters: { name: 'y' } })!.request.headers).toEqual({ Accept: 'a' });
  });
});

describe('requests and responses', () => {
  const base = {
    baseUrl: 'https://api.example.com/',
    headers: { authorization: 'Bearer t', 'X-Removed': '{{null}}' },
    response: { error: { message: 'general {{statusCode}}', '404': { type: 'DataError', message: 'missing' } } },
    log: { sanitize: ['request.headers.authorization'] },
  };

  test('the Base is merged: URL, headers (case-insensitive), query, error per status', () => {
    const spec = withBase({ url: '/items/{{encodeURL(parameters.name)}}', method: 'post', headers: { Authorization: 'Other' }, qs: { q: 'a b', n: '{{null}}' }, body: { x: 1 } }, base);
    const rendered = renderRequest(spec, { parameters: { name: 'a/b' } })!.request;
    expect(rendered).toEqual({
      method: 'POST',
      url: 'https://api.example.com//items/a%2Fb?q=a%20b',
      headers: { Authorization: 'Other' },
      bodyType: 'json',
      body: { x: 1 },
      sanitize: ['request.headers.authorization'],
    });
    expect(handleResponse(spec, { status: 404, headers: {}, body: {} }, {})).toEqual({ ok: false, error: { type: 'DataError', message: 'missing' } });
    expect(handleResponse(spec, { status: 500, headers: {}, body: {} }, {})).toEqual({ ok: false, error: { type: 'RuntimeError', message: 'general 500' } });
  });

  test('iterate with a condition outputs only the items for which it holds', () => {
    const spec = { response: { iterate: { container: '{{body.items}}', condition: '{{item.n > 1}}' }, output: { n: '{{item.n}}' } } };
    expect(handleResponse(spec, { status: 200, headers: {}, body: { items: [{ n: 1 }, { n: 2 }, { n: 3 }] } }, {})).toEqual({ ok: true, output: [{ n: 2 }, { n: 3 }] });
  });

  test('response.valid alone decides whether a response is an error, in the response scope', () => {
    const spec = { response: { valid: '{{statusCode < 400 || (parameters.ok && statusCode == 404)}}', output: { found: '{{statusCode < 400}}' }, error: { message: 'no', type: 'DataError' } } };
    expect(handleResponse(spec, { status: 404, headers: {}, body: {} }, { parameters: { ok: true } })).toEqual({ ok: true, output: { found: false } });
    expect(handleResponse(spec, { status: 404, headers: {}, body: {} }, { parameters: { ok: false } })).toEqual({ ok: false, error: { type: 'DataError', message: 'no' } });
    expect(handleResponse({ response: { valid: '{{body.ok}}', error: { message: 'refused' } } }, { status: 200, headers: {}, body: { ok: false } }, {})).toEqual({
      ok: false,
      error: { type: 'RuntimeError', message: 'refused' },
    });
    expect(() => handleResponse({ response: { valid: { condition: '{{true}}' } } }, { status: 200, headers: {}, body: {} }, {})).toThrow(ImlError);
  });

  test('request temp is rendered first and stays readable in the response; response temp comes before output', () => {
    const spec = {
      url: 'https://x.test/{{temp.id}}',
      temp: { id: '{{trim(parameters.name)}}' },
      response: { temp: { doubled: '{{body.id * 2}}' }, output: { '{{...}}': '{{body}}', id: '{{temp.id}}', doubled: '{{temp.doubled}}' } },
    };
    const rendered = renderRequest(spec, { parameters: { name: ' z ' } })!;
    expect(rendered.request.url).toBe('https://x.test/z');
    expect(handleResponse(spec, { status: 200, headers: {}, body: { id: 4, other: true } }, rendered.scope)).toEqual({ ok: true, output: { id: 'z', other: true, doubled: 8 } });
  });

  test('a header or query parameter that renders to undefined fails loudly (Make documents dropping only body members)', () => {
    expect(() => renderRequest({ url: 'https://x.test', headers: { 'X-Org-ID': '{{parameters.missing}}' } }, scope)).toThrow(/header X-Org-ID renders to undefined/);
    expect(() => renderRequest({ url: 'https://x.test', qs: { q: '{{parameters.missing}}' } }, scope)).toThrow(/query parameter q renders to undefined/);
    expect(renderRequest({ url: 'https://x.test', method: 'POST', body: { kept: 1, dropped: '{{parameters.missing}}' } }, scope)!.request.body).toEqual({ kept: 1 });
  });

  test('a false condition sends nothing; iterate, output and wrapper shape the result', () => {
    expect(renderRequest({ url: 'https://x.test', condition: '{{1 > 2}}' }, {})).toBeNull();
    const spec = { url: 'https://x.test', response: { iterate: '{{body.items}}', output: { v: '{{item.n * 10}}' }, wrapper: { first: '{{output[1].v}}', all: '{{output}}' } } };
    expect(handleResponse(spec, { status: 200, headers: {}, body: { items: [{ n: 1 }, { n: 2 }] } }, {})).toEqual({
      ok: true,
      output: { first: 10, all: [{ v: 10 }, { v: 20 }] },
    });
  });
});
